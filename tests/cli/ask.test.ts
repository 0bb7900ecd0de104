import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../../src/core/answer-schema.js';
import { tempFile } from '../helpers/dataset-fixture.js';
import { cleanEnv, run, TSX } from '../helpers/run.js';

const ask = (args: string[], env: Record<string, string> = {}) =>
  run(TSX, ['src/cli/ask.ts', ...args], { env: cleanEnv(env) });

describe('npm run ask', () => {
  it('answers a typo in German, with sources', async () => {
    const r = await ask(['deepsek', '--locale', 'de']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DeepSeek');
    expect(r.stdout).toContain('https://github.com/deepseek-ai/');
    expect(r.stdout).toMatch(/Quellen|Quelle/);
  });

  it('returns DeepSeek as JSON for 深度求索', async () => {
    const r = await ask(['深度求索', '--json']);
    expect(r.code).toBe(0);
    const answer = AnswerSchema.parse(JSON.parse(r.stdout));
    expect(answer.kind).toBe('provider');
    if (answer.kind === 'provider')
      expect(answer.provider).toMatchObject({ id: 'deepseek', name: 'DeepSeek' });
  });

  it('gives suggestions, never a confident provider, for noise', async () => {
    const r = await ask(['hello', '--json']);
    const answer = AnswerSchema.parse(JSON.parse(r.stdout));
    expect(['ambiguous', 'not-found']).toContain(answer.kind);
    if (answer.kind === 'ambiguous' || answer.kind === 'not-found')
      expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('prints the overview without a query, and plain text without a TTY', async () => {
    const r = await ask([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DeepSeek');
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('exits 2 with usage on a bad option', async () => {
    const r = await ask(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: vllm-bot ask');
    const empty = await ask(['deepseek', '--locale', '']);
    expect(empty.code).toBe(2);
  });

  it('refuses an unknown --locale with exit 2, saying how to list the supported ones', async () => {
    const r = await ask(['deepseek', '--locale', 'xx']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Unknown locale "xx"');
    expect(r.stderr).toContain('vllm-bot ask --locales');
    const list = await ask(['--locales']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toEqual(expect.arrayContaining(['de', 'pt-BR', 'zh-TW']));
  });

  it('takes lang:de inside the query, as Slack does, and --locale over it', async () => {
    const german = await ask(['deepsek', 'lang:de', '--json']);
    expect(german.code).toBe(0);
    expect(AnswerSchema.parse(JSON.parse(german.stdout))).toMatchObject({
      kind: 'provider',
      locale: 'de',
    });
    const french = await ask(['lang:de', 'deepseek', '--locale', 'fr', '--json']);
    expect(AnswerSchema.parse(JSON.parse(french.stdout))).toMatchObject({ locale: 'fr' });
    const unknown = await ask(['deepseek', 'lang:xx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown locale "xx"');
  });

  it('prints pure JSON on stdout through npm run -s, as the README shows', async () => {
    const r = await run('npm', ['run', '-s', 'ask', '--', 'deepseek', '--json'], {
      env: cleanEnv(),
    });
    expect(r.code).toBe(0);
    expect(AnswerSchema.parse(JSON.parse(r.stdout))).toMatchObject({ kind: 'provider' });
  });

  it('exits 1 with the located problems when the dataset is broken', async () => {
    const file = tempFile('{"version": "1", "providers": [}');
    const r = await ask(['deepseek'], { PROVIDERS_FILE: file });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/providers\.json: invalid JSON at line 1, column \d+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
