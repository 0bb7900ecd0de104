import { describe, expect, it } from 'vitest';
import { manualClock, useBackends } from './backends.js';

const backends = useBackends();

const REPORT = {
  platform: 'slack',
  workspaceId: 'T0001',
  providerId: 'openai',
  query: 'gpt-4o',
  locale: 'pt-BR',
  reporterId: 'U0001',
  reporterName: 'Ana <@U0002>',
  whatIsWrong: 'The source moved.',
  sourceUrl: 'https://example.com/post',
} as const;

describe.each(backends)('reports on $name', (backend) => {
  it('stores reports and lists them newest first, with a limit', async () => {
    const clock = manualClock();
    const store = await backend.open({ clock: clock.now });
    const first = await store.addReport(REPORT);
    clock.advance(1000);
    const second = await store.addReport({ ...REPORT, providerId: null, sourceUrl: undefined });
    expect(second).toMatchObject({ providerId: null, sourceUrl: null, postedAt: null });
    expect(first.createdAt.getTime()).toBe(Date.UTC(2026, 0, 1));

    expect((await store.listReports()).map((r) => r.id)).toEqual([second.id, first.id]);
    expect((await store.listReports({ limit: 1 })).map((r) => r.id)).toEqual([second.id]);
    expect((await store.listReports())[1]).toEqual(first);
    // What the retry asks for: reports stored in a window of time.
    const between = new Date(first.createdAt.getTime() + 500);
    expect((await store.listReports({ createdBefore: between })).map((r) => r.id)).toEqual([
      first.id,
    ]);
    expect((await store.listReports({ createdAfter: between })).map((r) => r.id)).toEqual([
      second.id,
    ]);
  });

  it('refuses a malformed source URL', async () => {
    const store = await backend.open();
    await expect(
      store.addReport({ ...REPORT, sourceUrl: 'javascript:alert(1)' }),
    ).rejects.toThrow();
    await expect(store.addReport({ ...REPORT, whatIsWrong: '   ' })).rejects.toThrow();
    expect(await store.listReports()).toEqual([]);
  });

  it('posts a report once across replicas, and a dead claim is taken over after its lease', async () => {
    const clock = manualClock();
    const url = await backend.freshUrl();
    const a = await backend.open({ url, clock: clock.now });
    const b = await backend.open({ url, clock: clock.now });
    const report = await a.addReport(REPORT);

    const wins = await Promise.all([
      a.claimReportPost(report.id, 'a', 5000),
      b.claimReportPost(report.id, 'b', 5000),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = wins[0] ? [a, b] : [b, a];
    const winnerName = wins[0] ? 'a' : 'b';

    // The winner dies; after its lease the other replica may post.
    clock.advance(5000);
    expect((await loser.listReports({ unposted: true })).map((r) => r.id)).toEqual([report.id]);
    expect(await loser.claimReportPost(report.id, 'c', 5000)).toBe(true);
    expect(await winner.markReportPosted(report.id, winnerName)).toBe(false);
    expect(await loser.markReportPosted(report.id, 'c')).toBe(true);

    expect(await a.claimReportPost(report.id, 'd', 5000)).toBe(false);
    clock.advance(60_000);
    expect(await b.claimReportPost(report.id, 'e', 5000)).toBe(false);
    const [posted] = await a.listReports();
    expect(posted?.postedAt?.getTime()).toBe(Date.UTC(2026, 0, 1) + 5000);
    expect(await a.listReports({ unposted: true })).toEqual([]);
  });
});
