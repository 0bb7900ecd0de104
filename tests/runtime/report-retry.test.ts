import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { discordReportPoster } from '../../src/discord/report-post.js';
import {
  createReportRetry,
  type ReportPoster,
  type ReportRetry,
} from '../../src/runtime/report-retry.js';
import { slackReportPoster } from '../../src/slack/report-post.js';
import { openStore, type ReportInput, type Store } from '../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord } from '../e2e/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../e2e/fake-slack.js';
import { realKnowledge } from '../helpers/context.js';
import { tempDir } from '../helpers/dataset-fixture.js';

/**
 * Reports whose post to the operators' channel failed are posted later: a real SQLite store,
 * the real posters against the local fakes of Discord and Slack.
 */

const logger = pino({ level: 'silent' });
const CHANNEL = '300000000000000001';
const SLACK_CHANNEL = 'C0REPORTS';
const MINUTE = 60_000;

const REPORT: ReportInput = {
  platform: 'discord',
  workspaceId: '100000000000000001',
  providerId: 'deepseek',
  query: 'deepsek <@everyone>',
  locale: 'de',
  reporterId: '200000000000000001',
  reporterName: 'ana',
  whatIsWrong: 'Die Quelle ist umgezogen.',
  sourceUrl: 'https://example.com/moved',
};

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function world() {
  let now = Date.UTC(2026, 11, 6, 12);
  const url = `sqlite:${join(tempDir(), 'bot.db')}`;
  const open = async () => {
    const store = await openStore({ databaseUrl: url, clock: () => now });
    cleanup.push(() => store.close());
    return store;
  };
  const discord: FakeDiscord = await startFakeDiscord();
  cleanup.push(() => discord.close());
  const slack: FakeSlack = await startFakeSlack();
  cleanup.push(() => slack.close());
  const posters = {
    discord: discordReportPoster({
      token: discord.token,
      apiUrl: discord.apiUrl,
      channelId: CHANNEL,
      issueUrl: 'https://github.com/example/vllm-status-bot/issues/new',
      logger,
    }),
    slack: slackReportPoster({
      apiUrl: slack.apiUrl,
      channelId: SLACK_CHANNEL,
      tokenFor: (workspace) => Promise.resolve(workspace === 'T0FAKE' ? 'xoxb-t0fake' : undefined),
      logger,
    }),
  };
  const retry = (store: Store, use: Partial<Record<'discord' | 'slack', ReportPoster>>) => {
    const r: ReportRetry = createReportRetry({
      ctx: { store, logger, knowledge: realKnowledge },
      posters: use,
      stopWaitMs: 200,
    });
    cleanup.push(() => r.stop());
    return r;
  };
  return {
    open,
    discord,
    slack,
    posters,
    retry,
    advance: (ms: number) => (now += ms),
    now: () => now,
  };
}

describe('report retry', () => {
  it('posts a report whose first post failed once Discord is back, and only once', async () => {
    const w = await world();
    const store = await w.open();
    const report = await store.addReport(REPORT);
    let down = true;
    const flaky: ReportPoster = (r, k) =>
      down ? Promise.reject(new Error('503 from Discord')) : w.posters.discord(r, k);
    const retry = w.retry(store, { discord: flaky });

    w.advance(2 * MINUTE);
    expect(await retry.run(w.now())).toEqual({ posted: 0, failed: 1 });
    expect(w.discord.channelPosts).toHaveLength(0);
    expect((await store.listReports({ unposted: true })).map((r) => r.id)).toEqual([report.id]);

    // Back up, but the failed try's claim still holds: nobody posts before its lease ends.
    down = false;
    expect(await retry.run(w.now())).toEqual({ posted: 0, failed: 1 });
    w.advance(MINUTE);
    expect(await retry.run(w.now())).toEqual({ posted: 1, failed: 0 });
    expect(await retry.run(w.now())).toEqual({ posted: 0, failed: 0 });

    expect(w.discord.channelPosts).toHaveLength(1);
    const [post] = w.discord.channelPosts as {
      channel_id: string;
      allowed_mentions?: { parse: string[] };
    }[];
    expect(post!.channel_id).toBe(CHANNEL);
    const shown = JSON.stringify(post);
    expect(shown).toContain('Die Quelle ist umgezogen.');
    expect(shown).toContain('https://example.com/moved');
    // What a reporter typed never pings anyone.
    expect(post!.allowed_mentions).toEqual({ parse: [] });
    expect((await store.listReports())[0]!.postedAt).not.toBeNull();
  });

  it('leaves young reports to their request, and platforms without a channel alone', async () => {
    const w = await world();
    const store = await w.open();
    await store.addReport(REPORT);
    await store.addReport({ ...REPORT, platform: 'slack', workspaceId: 'T0FAKE' });
    const retry = w.retry(store, { discord: w.posters.discord });

    w.advance(30_000);
    expect(await retry.run(w.now())).toEqual({ posted: 0, failed: 0 });
    w.advance(MINUTE);
    expect(await retry.run(w.now())).toEqual({ posted: 1, failed: 0 });
    const left = await store.listReports({ unposted: true });
    expect(left.map((r) => r.platform)).toEqual(['slack']);
  });

  it('gives up on reports older than a week, and tries the newest first', async () => {
    const w = await world();
    const store = await w.open();
    const old = await store.addReport({ ...REPORT, query: 'old' });
    w.advance(8 * 24 * 60 * MINUTE);
    await store.addReport({ ...REPORT, query: 'older of the two' });
    w.advance(MINUTE);
    const newest = await store.addReport({ ...REPORT, query: 'newest' });
    w.advance(2 * MINUTE);
    let tried: string[] = [];
    const failing: ReportPoster = (r) => {
      tried.push(r.query);
      return Promise.reject(new Error('403 Missing Access'));
    };
    expect(await w.retry(store, { discord: failing }).run(w.now())).toEqual({
      posted: 0,
      failed: 2,
    });
    expect(tried).toEqual(['newest', 'older of the two']);

    tried = [];
    w.advance(2 * MINUTE);
    const posted = await w.retry(store, { discord: w.posters.discord }).run(w.now());
    expect(posted).toEqual({ posted: 2, failed: 0 });
    const unposted = await store.listReports({ unposted: true });
    expect(unposted.map((r) => r.id)).toEqual([old.id]);
    expect(unposted.map((r) => r.id)).not.toContain(newest.id);
  });

  it('posts each report once when two replicas retry at the same moment', async () => {
    const w = await world();
    const a = await w.open();
    const b = await w.open();
    for (let i = 0; i < 3; i++) await a.addReport({ ...REPORT, query: `query ${i}` });
    w.advance(2 * MINUTE);
    const passes = await Promise.all([
      w.retry(a, { discord: w.posters.discord }).run(w.now()),
      w.retry(b, { discord: w.posters.discord }).run(w.now()),
    ]);
    expect(passes.reduce((sum, p) => sum + p.posted, 0)).toBe(3);
    expect(w.discord.channelPosts).toHaveLength(3);
    expect(await a.listReports({ unposted: true })).toEqual([]);
  });

  it('posts a Slack report with its workspace token, and keeps one it has no token for', async () => {
    const w = await world();
    const store = await w.open();
    await store.addReport({ ...REPORT, platform: 'slack', workspaceId: 'T0FAKE' });
    const orphan = await store.addReport({ ...REPORT, platform: 'slack', workspaceId: 'T0GONE' });
    w.advance(2 * MINUTE);
    const retry = w.retry(store, { slack: w.posters.slack });
    expect(await retry.run(w.now())).toEqual({ posted: 1, failed: 1 });

    const posts = w.slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.token).toBe('xoxb-t0fake');
    expect(posts[0]!.body['channel']).toBe(SLACK_CHANNEL);
    expect(JSON.stringify(posts[0]!.body)).toContain('Die Quelle ist umgezogen.');
    expect((await store.listReports({ unposted: true })).map((r) => r.id)).toEqual([orphan.id]);
  });

  it('does not hold shutdown up for a platform that hangs', async () => {
    const w = await world();
    const store = await w.open();
    await store.addReport(REPORT);
    w.advance(2 * MINUTE);
    const hanging: ReportPoster = () => new Promise(() => undefined);
    const retry = w.retry(store, { discord: hanging });
    retry.start(60 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await retry.stop();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await store.listReports({ unposted: true })).toHaveLength(1);
  });
});
