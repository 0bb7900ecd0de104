import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MISS_MAX_ROWS } from '../../src/store/index.js';
import { useBackends, type Backend } from './backends.js';

const backends = useBackends();

/** Fills the misses table directly (fast set-up; behaviour is checked through the store). */
async function seed(backend: Backend, url: string, rows: [string, number, number][]) {
  if (backend.name === 'sqlite') {
    const db = new BetterSqlite3(url.slice('sqlite:'.length));
    const insert = db.prepare(
      'insert into misses (query, count, first_seen, last_seen) values (?, ?, ?, ?)',
    );
    db.transaction(() => rows.forEach(([q, c, t]) => insert.run(q, c, t, t)))();
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `insert into misses (query, count, first_seen, last_seen)
     select * from unnest($1::text[], $2::bigint[], $3::bigint[], $3::bigint[])`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
  await client.end();
}

describe.each(backends)('misses on $name', (backend) => {
  it('counts repeats and keeps first and last seen', async () => {
    const store = await backend.open();
    expect(await store.recordMiss('mistral', new Date(1000))).toBe(true);
    expect(await store.recordMiss('groq', 1500)).toBe(true);
    expect(await store.recordMiss('mistral', 2000)).toBe(true);
    expect(await store.topMisses(10)).toEqual([
      { query: 'mistral', count: 2, firstSeen: new Date(1000), lastSeen: new Date(2000) },
      { query: 'groq', count: 1, firstSeen: new Date(1500), lastSeen: new Date(1500) },
    ]);
    expect(await store.topMisses(1)).toHaveLength(1);
  });

  it('records a batch of askings at once (a process flushes its counts)', async () => {
    const store = await backend.open();
    expect(await store.recordMiss('cerebrus', 1000, 3)).toBe(true);
    expect(await store.recordMiss('cerebrus', 2000, 2)).toBe(true);
    expect(await store.recordMiss('cerebrus', 3000, 0)).toBe(false);
    expect(await store.topMisses(1)).toEqual([
      { query: 'cerebrus', count: 5, firstSeen: new Date(1000), lastSeen: new Date(2000) },
    ]);
  });

  it('writes a flush of distinct queries in one call, skipping what cannot be stored', async () => {
    const store = await backend.open();
    await store.recordMiss('cerebrus', 500);
    const stored = await store.recordMisses([
      { query: 'cerebrus', times: 4, last: 1000 },
      { query: 'lambda labz', times: 1, last: 1200 },
      { query: '', times: 2, last: 1300 },
      { query: 'nope', times: 0, last: 1400 },
    ]);
    expect(stored).toBe(2);
    expect(await store.topMisses(10)).toEqual([
      { query: 'cerebrus', count: 5, firstSeen: new Date(500), lastSeen: new Date(1000) },
      { query: 'lambda labz', count: 1, firstSeen: new Date(1200), lastSeen: new Date(1200) },
    ]);
    expect(await store.recordMisses([])).toBe(0);
  });

  it('refuses empty and over-long queries', async () => {
    const store = await backend.open();
    expect(await store.recordMiss('')).toBe(false);
    expect(await store.recordMiss('   ')).toBe(false);
    expect(await store.recordMiss('x'.repeat(101))).toBe(false);
    expect(await store.recordMiss('深'.repeat(100))).toBe(true);
    expect((await store.topMisses()).map((m) => m.query)).toEqual(['深'.repeat(100)]);
  });

  it(`keeps at most ${MISS_MAX_ROWS} rows, evicting the lowest count, oldest first`, async () => {
    const url = await backend.freshUrl();
    const store = await backend.open({ url });
    // 1,000 rows: "hot-*" asked twice, "cold-*" once; cold-0 is the oldest.
    const rows: [string, number, number][] = [];
    for (let i = 0; i < 500; i++) rows.push([`hot-${i}`, 2, 10_000 + i]);
    for (let i = 0; i < 500; i++) rows.push([`cold-${i}`, 1, 20_000 + i]);
    await seed(backend, url, rows);

    await store.recordMiss('newcomer', 30_000);
    await store.recordMiss('hot-0', 30_001);
    await store.recordMiss('another', 30_002);

    const all = await store.topMisses(MISS_MAX_ROWS);
    const names = new Set(all.map((m) => m.query));
    expect(all).toHaveLength(MISS_MAX_ROWS);
    expect(names.has('cold-0')).toBe(false);
    expect(names.has('cold-1')).toBe(false);
    expect(names.has('cold-2')).toBe(true);
    expect(names.has('newcomer')).toBe(true);
    expect(names.has('another')).toBe(true);
    expect(all[0]).toMatchObject({ query: 'hot-0', count: 3 });
  });

  it('never evicts a query of the flush being written into a full table', async () => {
    const url = await backend.freshUrl();
    const store = await backend.open({ url });
    const rows: [string, number, number][] = [];
    for (let i = 0; i < MISS_MAX_ROWS; i++) rows.push([`old-${i}`, 2, 10_000 + i]);
    await seed(backend, url, rows);

    const flush = ['fresh-a', 'fresh-b', 'fresh-c'].map((query, i) => ({
      query,
      times: 1,
      last: 40_000 + i,
    }));
    expect(await store.recordMisses(flush)).toBe(3);

    const names = new Set((await store.topMisses(MISS_MAX_ROWS)).map((m) => m.query));
    expect(names.size).toBe(MISS_MAX_ROWS);
    for (const { query } of flush) expect(names.has(query)).toBe(true);
    // The three evicted are the oldest among the equal counts.
    expect(['old-0', 'old-1', 'old-2'].some((q) => names.has(q))).toBe(false);
    expect(names.has('old-3')).toBe(true);
  });
});
