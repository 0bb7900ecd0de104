import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import { tempFile } from '../helpers/dataset-fixture.js';
import { cleanEnv, run, TSX } from '../helpers/run.js';

const start = (env: Record<string, string>) =>
  run(TSX, ['src/main.ts'], { env: cleanEnv(env), timeoutMs: 20_000 });
const STACK_FRAME = /\n\s+at .+:\d+:\d+/;

describe('npm start', () => {
  it('explains which variables enable which platform when none is set, and exits non-zero', async () => {
    const r = await start({});
    expect(r.code).toBe(1);
    for (const name of [
      'DISCORD_TOKEN',
      'DISCORD_APPLICATION_ID',
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'SLACK_SIGNING_SECRET',
      'npm run ask',
    ]) {
      expect(r.stderr).toContain(name);
    }
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('lists every configuration problem in one message', async () => {
    const r = await start({
      HEALTH_PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DISCORD_TOKEN: 'token-value-not-shown',
      DISCORD_APPLICATION_ID: '123',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Invalid configuration');
    expect(r.stderr).toContain('HEALTH_PORT');
    expect(r.stderr).toContain('LOG_LEVEL');
    expect(r.stderr).toContain('DISCORD_APPLICATION_ID');
    expect(r.stderr).toContain('must be 15–25 digits');
    expect(r.stderr).not.toContain('token-value-not-shown');
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('refuses a broken dataset with the located problem', async () => {
    const file = tempFile('{"version": 1, "providers": []}');
    const r = await start({
      PROVIDERS_FILE: file,
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('providers.json: version: ');
    expect(r.stderr).toContain('providers.json: providers: ');
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('becomes ready, passes the Docker health check, reloads on SIGHUP, keeps good data on a bad file, and exits 0 within 10 s of SIGTERM (sent twice)', async () => {
    // node --import tsx, not the tsx binary: that one would stand between SIGHUP and the bot.
    const bot = [process.execPath, '--import', 'tsx', 'src/main.ts'];
    const r = await run(process.execPath, ['tests/e2e/start-check.mjs', PROJECT_ROOT, ...bot], {
      env: cleanEnv(),
      timeoutMs: 45_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('start check passed');
    expect(r.code).toBe(0);
  }, 50_000);
});
