import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { AnswerSchema } from '../../src/core/answer-schema.js';
import { copyOfShippedData } from '../helpers/dataset-fixture.js';
import { cleanEnv, run, TSX } from '../helpers/run.js';

const cli = (script: string, args: string[], dataDir: string) =>
  run(TSX, [`src/cli/${script}.ts`, ...args], { env: cleanEnv({ DATA_DIR: dataDir }) });

// Each step runs the real CLI in a child process.
const SLOW = { timeout: 60_000 };

describe('a contributor adds a provider in English only', () => {
  it('data:new writes a skeleton that data:check refuses until it is filled in', SLOW, async () => {
    const dataDir = copyOfShippedData();
    const created = await cli('data-new', ['acme-ai', '--name', 'Acme AI'], dataDir);
    expect(created.code).toBe(0);
    const file = join(dataDir, 'providers', 'acme-ai.yaml');

    const unfilled = await cli('data-check', [], dataDir);
    expect(unfilled.code).toBe(1);
    expect(unfilled.stdout).toContain('acme-ai: findings[0].summary still holds a placeholder');

    const filled = readFileSync(file, 'utf8')
      .replace(/TODO one sentence.*$/m, 'Acme AI names no serving engine.')
      .replace(/TODO a short paragraph[\s\S]*?do not\.\n/, 'Its docs say nothing about vLLM.\n')
      .replace('TODO the page title as published', 'Acme docs')
      .replace('https://example.com/TODO', 'https://acme.example.org/docs')
      .replace('TODO who published it', 'Acme AI');
    writeFileSync(file, filled);

    const check = await cli('data-check', [], dataDir);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/\| acme-ai \| 2 \| 0\/31 \| 0 \| 62 \|/);

    const strict = await cli('data-check', ['--strict'], dataDir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict: \d+ translations missing or stale/);

    // Served in every locale: in English, with the marker in the asker's language.
    const ja = await cli('ask', ['acme ai', '--locale', 'ja', '--json'], dataDir);
    const answer = AnswerSchema.parse(JSON.parse(ja.stdout));
    expect(answer.kind === 'provider' && answer.findings[0]!.summary).toBe(
      'Acme AI names no serving engine.',
    );
    expect(answer.kind === 'provider' && answer.notice).toBeTruthy();
  });

  it('data:new refuses a bad id and an existing provider', SLOW, async () => {
    const dataDir = copyOfShippedData();
    expect((await cli('data-new', ['Bad Id'], dataDir)).code).toBe(2);
    expect((await cli('data-new', ['deepseek'], dataDir)).code).toBe(1);
  });
});

describe('a correction in English never leaves a wrong translation behind', () => {
  it('serves the new English, with the marker, instead of the stale German', SLOW, async () => {
    const dataDir = copyOfShippedData();
    const file = join(dataDir, 'providers', 'deepseek.yaml');
    const before = AnswerSchema.parse(
      JSON.parse((await cli('ask', ['deepseek', '--locale', 'de', '--json'], dataDir)).stdout),
    );
    expect(before.kind === 'provider' && before.notice).toBeFalsy();

    const doc = parseDocument(readFileSync(file, 'utf8'));
    const corrected = 'DeepSeek serves its models with a corrected engine description.';
    doc.setIn(['findings', 0, 'summary'], corrected);
    writeFileSync(file, doc.toString());
    const after = AnswerSchema.parse(
      JSON.parse((await cli('ask', ['deepseek', '--locale', 'de', '--json'], dataDir)).stdout),
    );
    expect(after.kind === 'provider' && after.findings[0]!.summary).toBe(corrected);
    expect(after.kind === 'provider' && after.notice).toMatch(/Englisch/);
    expect(after.kind === 'provider' && after.findings[0]!.details).toBe(
      before.kind === 'provider' && before.findings[0]!.details,
    );

    const check = await cli('data-check', ['--gaps'], dataDir);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('- de deepseek/0/summary: stale');
    const sync = await run(TSX, ['src/cli/data-sync.ts'], { env: cleanEnv({ DATA_DIR: dataDir }) });
    expect(sync.code).toBe(0);
    const po = readFileSync(join(dataDir, 'translations', 'providers', 'de.po'), 'utf8');
    expect(po).toMatch(
      /#, fuzzy\n#\| msgid "DeepSeek serves its models with an in-house engine[^\n]*\nmsgctxt "deepseek\/0\/summary"/,
    );
  });
});
