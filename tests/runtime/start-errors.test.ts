import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../e2e/fake-discord.js';
import { freePort, startFakeSlack, type FakeSlack } from '../e2e/fake-slack.js';
import { cleanEnv, run } from '../helpers/run.js';

// Start-up failures, as an operator sees them: the real cause, once per platform.
const start = (env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: cleanEnv({ WATCH_PROVIDERS_FILE: '0', SLACK_PORT: '0', ...env }),
    timeoutMs: 30_000,
  });

interface FatalLine {
  msg: string;
  platform?: string;
  reason?: string;
  code?: string;
}
const fatalLines = (stdout: string): FatalLine[] =>
  stdout
    .split('\n')
    .filter((l) => l.includes('"level":60'))
    .map((l) => JSON.parse(l) as FatalLine);

let discord: FakeDiscord;
let slack: FakeSlack;
beforeAll(async () => {
  discord = await startFakeDiscord();
  slack = await startFakeSlack();
  slack.acceptedTokens.add('xoxb-the-right-token-123');
});
afterAll(async () => {
  await discord.close();
  await slack.close();
});

describe('start-up errors', () => {
  it('says "cannot reach", not "refused", when nothing answers; one line per platform', async () => {
    const closed = await freePort();
    const r = await start({
      DISCORD_TOKEN: 'discord-token-never-sent',
      DISCORD_API_URL: `http://127.0.0.1:${closed}/api`,
      SLACK_BOT_TOKEN: 'xoxb-never-checked-123',
      SLACK_SIGNING_SECRET: 'signing-secret-123',
      SLACK_API_URL: `http://127.0.0.1:${closed}/api`,
    });
    expect(r.code).toBe(1);
    const lines = fatalLines(r.stdout);
    expect(lines.map((l) => [l.platform, l.reason, l.code]).sort()).toEqual([
      ['discord', 'unreachable', 'ECONNREFUSED'],
      ['slack', 'unreachable', 'ECONNREFUSED'],
    ]);
    for (const line of lines) {
      expect(line.msg).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/api \(ECONNREFUSED\)/);
      expect(line.msg.match(/ECONNREFUSED/g)).toHaveLength(1);
      expect(line.msg).not.toMatch(/refused SLACK_BOT_TOKEN|rejected/);
    }
    expect(r.stdout).not.toContain('"stack"');
    expect(r.stdout + r.stderr).not.toMatch(/discord-token-never-sent|xoxb-never-checked/);
  });

  it('says "refused" when the platforms answer no', async () => {
    const r = await start({
      DISCORD_TOKEN: `${discord.token.slice(0, -5)}WRONG`,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-the-wrong-token-123',
      SLACK_SIGNING_SECRET: 'signing-secret-123',
      SLACK_API_URL: slack.apiUrl,
    });
    expect(r.code).toBe(1);
    const lines = fatalLines(r.stdout);
    expect(lines.map((l) => [l.platform, l.reason]).sort()).toEqual([
      ['discord', 'refused'],
      ['slack', 'refused'],
    ]);
    const text = lines.map((l) => l.msg).join('\n');
    expect(text).toContain('Discord rejected the bot token (401). Check DISCORD_TOKEN.');
    expect(text).toContain('Slack refused SLACK_BOT_TOKEN (auth.test: invalid_auth).');
  });

  it('prints one plain sentence per problem on a terminal, without JSON', async () => {
    const closed = await freePort();
    // script(1) gives the bot a terminal; its output comes back through the pseudo-terminal.
    const r = await run(
      'script',
      ['-qec', `${process.execPath} --import tsx src/main.ts`, '/dev/null'],
      {
        env: cleanEnv({
          WATCH_PROVIDERS_FILE: '0',
          LOG_LEVEL: 'warn',
          SLACK_BOT_TOKEN: 'xoxb-never-checked-123',
          SLACK_SIGNING_SECRET: 'signing-secret-123',
          SLACK_API_URL: `http://127.0.0.1:${closed}/api`,
          SLACK_PORT: '0',
        }),
        timeoutMs: 30_000,
      },
    );
    expect(r.code).toBe(1);
    const lines = r.stdout.split(/\r?\n/).filter((l) => l.startsWith('Slack'));
    expect(lines).toEqual([
      expect.stringMatching(
        /^Slack: cannot reach http:\/\/127\.0\.0\.1:\d+\/api \(ECONNREFUSED\)\. Check the network/,
      ),
    ]);
    expect(r.stdout).not.toContain('"level":60');
  });
});
