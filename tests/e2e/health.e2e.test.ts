import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import { cleanEnv, run } from '../helpers/run.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { freePort, waitUntil } from './fake-slack.js';

let bot: ChildProcess | undefined;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  bot?.kill('SIGKILL');
  bot = undefined;
  await fake?.close();
  fake = undefined;
});

/** The Dockerfile's HEALTHCHECK command, run as Docker runs it. */
const healthCheck = (port: number) =>
  run(process.execPath, ['scripts/healthcheck.mjs'], {
    env: cleanEnv({ HEALTH_PORT: String(port), HEALTH_HOST: '127.0.0.1' }),
  });

describe('container health', () => {
  it('turns unhealthy when Discord closes the gateway for good (4004, token reset)', async () => {
    fake = await startFakeDiscord();
    const port = await freePort();
    let output = '';
    bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: cleanEnv({
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        HEALTH_PORT: String(port),
        HEALTH_HOST: '127.0.0.1',
        WATCH_PROVIDERS_FILE: '0',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    bot.stderr?.on('data', (d: Buffer) => (output += d.toString()));

    const logged = (text: string) =>
      waitUntil(
        () => output,
        (o) => o.includes(text),
        15_000,
        text,
      );
    await logged('"msg":"ready"');
    const healthy = await healthCheck(port);
    expect(healthy.code).toBe(0);

    fake.closeSessions(4004);
    await logged('gateway closed for good');
    const unhealthy = await healthCheck(port);
    expect(unhealthy.code).toBe(1);
    expect(unhealthy.stderr).toContain('discord is not connected');
    // The process itself still answers: liveness alone would have said "healthy".
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 40_000);

  it('fails the check when nothing listens', async () => {
    const r = await healthCheck(await freePort());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+\/readyz/);
  });
});
