import type { Kysely } from 'kysely';
import { MISS_MAX_LENGTH, MISS_MAX_ROWS, type Database, type Miss } from './schema.js';

type Db = Kysely<Database>;

/** Whether a normalised query may be stored: not blank, at most 100 characters. */
export function isStorableMiss(query: string): boolean {
  return query.trim() !== '' && [...query].length <= MISS_MAX_LENGTH;
}

/** One unmatched query to count: asked `times` times, the last time at `last` (ms). */
export interface MissCount {
  query: string;
  times: number;
  last: number;
}

const isCountable = (m: MissCount) =>
  isStorableMiss(m.query) && Number.isInteger(m.times) && m.times >= 1;

/**
 * Counts unmatched queries (already normalised by the caller; no user ids reach this table)
 * in one statement: a process flushes its misses in one write, not one per query. Returns how
 * many were stored; an empty or over-long string, or a count under 1, is skipped. The queries
 * must be distinct (a caller's batch is keyed by query).
 *
 * Storage stays bounded: past MISS_MAX_ROWS rows, the lowest counts go first, the least
 * recently seen first among equals. The queries just counted are never the ones evicted, so a
 * new name can always enter a full table (otherwise a table full of counts ≥ 2 would freeze).
 */
export async function recordMisses(db: Db, batch: readonly MissCount[]): Promise<number> {
  const rows = batch.filter(isCountable);
  if (rows.length === 0) return 0;
  await db
    .insertInto('misses')
    .values(
      rows.map((m) => ({ query: m.query, count: m.times, first_seen: m.last, last_seen: m.last })),
    )
    .onConflict((oc) =>
      oc.column('query').doUpdateSet((eb) => ({
        count: eb('misses.count', '+', eb.ref('excluded.count')),
        last_seen: eb.ref('excluded.last_seen'),
      })),
    )
    .execute();
  await evictBeyondLimit(
    db,
    rows.map((m) => m.query),
  );
  return rows.length;
}

/** One query, `times` askings at `now`: true when stored. */
export async function recordMiss(
  db: Db,
  query: string,
  now = Date.now(),
  times = 1,
): Promise<boolean> {
  return (await recordMisses(db, [{ query, times, last: now }])) === 1;
}

async function evictBeyondLimit(db: Db, keep: readonly string[]): Promise<void> {
  // Cheap check first: nearly every call finds the table under its limit.
  const { rows } = await db
    .selectFrom('misses')
    .select((eb) => eb.fn.countAll<number>().as('rows'))
    .executeTakeFirstOrThrow();
  if (Number(rows) <= MISS_MAX_ROWS) return;
  await db
    .deleteFrom('misses')
    .where('query', 'not in', keep)
    .where('query', 'not in', (eb) =>
      eb
        .selectFrom('misses')
        .select('query')
        .where('query', 'not in', keep)
        .orderBy('count', 'desc')
        .orderBy('last_seen', 'desc')
        .orderBy('query')
        .limit(Math.max(MISS_MAX_ROWS - keep.length, 0)),
    )
    .execute();
}

/** The most asked-for names the dataset lacks, most frequent first. */
export async function topMisses(db: Db, limit = 20): Promise<Miss[]> {
  const rows = await db
    .selectFrom('misses')
    .selectAll()
    .orderBy('count', 'desc')
    .orderBy('last_seen', 'desc')
    .orderBy('query')
    .limit(Math.min(Math.max(Math.trunc(limit), 1), MISS_MAX_ROWS))
    .execute();
  return rows.map((r) => ({
    query: r.query,
    count: Number(r.count),
    firstSeen: new Date(Number(r.first_seen)),
    lastSeen: new Date(Number(r.last_seen)),
  }));
}
