import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, run, TSX } from '../helpers/run.js';
import { useBackends } from '../store/backends.js';
import { TEST_PG_PASSWORD } from '../store/postgres-server.js';

const backends = useBackends();
const dir = mkdtempSync(path.join(tmpdir(), 'vllm-bot-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (name: 'misses' | 'reports', env: Record<string, string>, args: string[] = []) =>
  run(TSX, [`src/cli/${name}.ts`, ...args], { env: cleanEnv(env) });

describe('npm run misses / reports on a fresh clone', () => {
  it('say there is nothing yet, without creating a database file', async () => {
    const stateDir = path.join(dir, 'fresh');
    const [misses, reports] = await Promise.all([
      cli('misses', { STATE_DIR: stateDir }),
      cli('reports', { STATE_DIR: stateDir }),
    ]);
    expect(misses.code).toBe(0);
    expect(misses.stdout).toMatch(
      /^No unmatched queries yet: there is no state database at sqlite:.*fresh.bot\.db/,
    );
    expect(reports.code).toBe(0);
    expect(reports.stdout).toMatch(/^No reports yet: there is no state database/);
    expect(existsSync(stateDir)).toBe(false);
  });

  it('report a bad DATABASE_URL or an unreachable server clearly', async () => {
    const bad = await cli('misses', { DATABASE_URL: 'mysql://x' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'DATABASE_URL: must start with sqlite:, postgres:// or postgresql://',
    );

    const down = await cli('reports', {
      DATABASE_URL: `postgres://bot:${TEST_PG_PASSWORD.replace(/[:@]/g, '')}@127.0.0.1:1/db`,
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^Cannot reach PostgreSQL at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/db: .*ECONNREFUSED/,
    );
    expect(down.stderr).not.toContain('s3cr3t');
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.each(backends)('npm run misses / reports on $name', (backend) => {
  it('print the stored rows', async () => {
    const url = await backend.freshUrl();
    const env = { DATABASE_URL: url };
    const store = await backend.open({ url });
    expect((await cli('misses', env)).stdout).toMatch(/^No unmatched queries recorded yet/);

    await store.recordMiss('mistral', Date.UTC(2026, 2, 1, 9, 30));
    await store.recordMiss('mistral', Date.UTC(2026, 2, 2, 10, 45));
    await store.recordMiss('groq', Date.UTC(2026, 2, 1, 8, 0));
    await store.addReport({
      platform: 'discord',
      workspaceId: '42',
      providerId: 'openai',
      query: 'gpt-4o',
      locale: 'de',
      reporterId: '7',
      reporterName: 'Eve\u001b[31m',
      whatIsWrong: 'Old source',
      sourceUrl: 'https://example.com/a',
    });
    await store.addReport({
      platform: 'slack',
      workspaceId: 'T1',
      providerId: null,
      query: 'newest',
      locale: 'en',
      reporterId: 'U1',
      reporterName: 'Sam',
      whatIsWrong: 'Missing',
    });

    const misses = await cli('misses', env, ['--limit', '5']);
    expect(misses.code).toBe(0);
    expect(misses.stdout).toMatch(/^\s+2\s+2026-03-02 10:45 UTC\s+mistral$/m);
    expect(misses.stdout).toMatch(/^\s+1\s+2026-03-01 08:00 UTC\s+groq$/m);
    expect(misses.stdout.indexOf('mistral')).toBeLessThan(misses.stdout.indexOf('groq'));

    const reports = await cli('reports', env);
    expect(reports.code).toBe(0);
    expect(reports.stdout.indexOf('newest')).toBeLessThan(reports.stdout.indexOf('gpt-4o'));
    expect(reports.stdout).toContain('reporter: Eve\\u001b[31m (7)');
    expect(reports.stdout).not.toContain('\u001b');
    expect(reports.stdout).toContain('source: https://example.com/a');
    expect(reports.stdout).not.toContain(TEST_PG_PASSWORD);
  });
});
