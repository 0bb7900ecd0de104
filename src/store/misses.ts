import type { Kysely } from 'kysely';
import { MISS_MAX_LENGTH, MISS_MAX_ROWS, type Database, type Miss } from './schema.js';

type Db = Kysely<Database>;

/** Whether a normalised query may be stored: not blank, at most 100 characters. */
export function isStorableMiss(query: string): boolean {
  return query.trim() !== '' && [...query].length <= MISS_MAX_LENGTH;
}

/**
 * Counts one unmatched query (already normalised by the caller; no user ids reach this table).
 * Returns false, storing nothing, for an empty or over-long string.
 *
 * Storage stays bounded: past MISS_MAX_ROWS rows, the lowest counts go first, the least
 * recently seen first among equals. The query just counted is never the one evicted, so a new
 * name can always enter a full table (otherwise a table full of counts ≥ 2 would freeze).
 */
export async function recordMiss(
  db: Db,
  query: string,
  now = Date.now(),
  times = 1,
): Promise<boolean> {
  if (!isStorableMiss(query) || !Number.isInteger(times) || times < 1) return false;
  await db
    .insertInto('misses')
    .values({ query, count: times, first_seen: now, last_seen: now })
    .onConflict((oc) =>
      oc.column('query').doUpdateSet((eb) => ({
        count: eb('misses.count', '+', times),
        last_seen: eb.ref('excluded.last_seen'),
      })),
    )
    .execute();
  await evictBeyondLimit(db, query);
  return true;
}

async function evictBeyondLimit(db: Db, keep: string): Promise<void> {
  // Cheap check first: nearly every call finds the table under its limit.
  const { rows } = await db
    .selectFrom('misses')
    .select((eb) => eb.fn.countAll<number>().as('rows'))
    .executeTakeFirstOrThrow();
  if (Number(rows) <= MISS_MAX_ROWS) return;
  await db
    .deleteFrom('misses')
    .where('query', '!=', keep)
    .where('query', 'not in', (eb) =>
      eb
        .selectFrom('misses')
        .select('query')
        .where('query', '!=', keep)
        .orderBy('count', 'desc')
        .orderBy('last_seen', 'desc')
        .orderBy('query')
        .limit(MISS_MAX_ROWS - 1),
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
