import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../../src/core/answer-schema.js';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import { cleanEnv, run, TSX } from '../helpers/run.js';

// The package's `vllm-bot` command, from the sources (.ci/pack-smoke.sh runs the packed one).
const bin = (args: string[], env: Record<string, string> = {}) =>
  run(TSX, ['src/cli/bin.ts', ...args], { env: cleanEnv(env) });

describe('vllm-bot', () => {
  it('dispatches ask with its own options', async () => {
    const r = await bin(['ask', 'deepseek', '--json']);
    expect(r.code).toBe(0);
    expect(AnswerSchema.parse(JSON.parse(r.stdout))).toMatchObject({ kind: 'provider' });
  });

  it('prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = await bin(['version']);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('refuses an unknown or missing command with exit 2 and the list of commands', async () => {
    for (const args of [['serve'], []]) {
      const r = await bin(args);
      expect(r.code).toBe(2);
      for (const command of ['ask', 'start', 'deploy', 'data-check']) {
        expect(r.stderr).toContain(command);
      }
    }
  });

  it('start without configuration explains what to set and exits 1', async () => {
    const r = await bin(['start']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No chat platform is configured');
  });
});
