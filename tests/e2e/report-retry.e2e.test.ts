import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../helpers/dataset-fixture.js';
import { startFakeDiscord, snowflake, type FakeDiscord } from './fake-discord.js';
import { freePort } from './fake-slack.js';
import { spawnBot, until, type BotProcess } from './pinned-answers-harness.js';

/**
 * A report stored while its post to the operators' channel failed (or the process died right
 * after storing it) is posted when the bot starts again: the real bot process, the fake
 * Discord, the SQLite file the report was left in.
 */

const CHANNEL = snowflake();
let fake: FakeDiscord | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = undefined;
  fake = undefined;
});

describe('stored reports after a restart', () => {
  it('posts a report left unposted, once, to the operators channel', async () => {
    const stateDir = tempDir();
    const databaseUrl = `sqlite:${join(stateDir, 'bot.db')}`;
    // Stored five minutes ago by a process that never got to post it.
    const store = await openStore({ databaseUrl, clock: () => Date.now() - 5 * 60_000 });
    const report = await store.addReport({
      platform: 'discord',
      workspaceId: snowflake(),
      providerId: 'openai',
      query: 'gpt-4o',
      locale: 'ja',
      reporterId: snowflake(),
      reporterName: 'kenji',
      whatIsWrong: 'The blog post was updated last week.',
      sourceUrl: null,
    });
    await store.close();

    fake = await startFakeDiscord();
    const port = await freePort();
    bot = spawnBot({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_PUBLIC_KEY: fake.publicKey,
      DISCORD_HTTP_PORT: String(port),
      DATABASE_URL: databaseUrl,
      STATE_DIR: stateDir,
      REPORT_CHANNEL_ID: CHANNEL,
    });
    await until(() => fake!.channelPosts.length > 0, 'the stored report to be posted');
    await bot.waitForLog((l) => l['msg'] === 'report posted to the operators', 'the post logged');
    const posts = fake.channelPosts as {
      channel_id: string;
      embeds: { footer?: { text?: string } }[];
    }[];
    expect(posts).toHaveLength(1);
    expect(posts[0]!.channel_id).toBe(CHANNEL);
    expect(posts[0]!.embeds[0]!.footer?.text).toContain(report.id);
    await bot.stop();
    bot = undefined;

    const after = await openStore({ databaseUrl });
    expect(await after.listReports({ unposted: true })).toEqual([]);
    await after.close();
  });
});
