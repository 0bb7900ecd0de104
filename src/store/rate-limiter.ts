import type { Kysely } from 'kysely';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Connection } from './connect.js';
import { StoreConfigError } from './errors.js';
import {
  RATE_LIMIT_TABLE,
  type Database,
  type RateLimitOptions,
  type SharedRateLimiter,
} from './schema.js';

/**
 * A per-key limit shared by every process on the same database, through rate-limiter-flexible's
 * own SQLite (better-sqlite3) and PostgreSQL (pg Pool) backends: one atomic upsert per request
 * on a fixed window. Our migration creates its table, so the library never races to create it.
 *
 * If the database fails mid-request, the library's insurance limiter (in memory, same limits)
 * answers instead: a database hiccup degrades to a per-process limit rather than an error.
 */
export function createSharedRateLimiter(
  connection: Connection,
  options: RateLimitOptions,
): SharedRateLimiter {
  const { points, durationSeconds } = options;
  if (!Number.isInteger(points) || points < 1) {
    throw new StoreConfigError('rateLimiter: points must be a whole number of at least 1');
  }
  if (!Number.isInteger(durationSeconds) || durationSeconds < 1) {
    throw new StoreConfigError('rateLimiter: durationSeconds must be a whole number of at least 1');
  }
  const name = options.name ?? 'default';
  if (!/^[\w-]{1,40}$/.test(name)) {
    throw new StoreConfigError('rateLimiter: name must be 1–40 letters, digits, "_" or "-"');
  }
  // The library is loaded on the first decision: a bot that never shares a limit (SQLite,
  // no reports) never carries it (about 1 MB of heap, 10 MB of RSS measured alone).
  let ready: Promise<{ limiter: RateLimiterAbstract; Rejection: new () => object }> | undefined;
  const load = async () => {
    const lib = await import('rate-limiter-flexible');
    const common = {
      keyPrefix: name,
      points,
      duration: durationSeconds,
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      // The store sweeps expired rows itself (sweepExpiredRateLimits): the library's own timer
      // would keep running after close() and reject unhandled on a closed database.
      clearExpiredByTimeout: false,
      // Every decision comes from the shared table, none from a per-process shortcut.
      inMemoryBlockOnConsumed: 0,
      insuranceLimiter: new lib.RateLimiterMemory({
        keyPrefix: name,
        points,
        duration: durationSeconds,
      }),
    };
    const limiter: RateLimiterAbstract =
      connection.kind === 'postgres'
        ? new lib.RateLimiterPostgres({
            ...common,
            storeClient: connection.pool,
            storeType: 'pool',
          })
        : new lib.RateLimiterSQLite({
            ...common,
            storeClient: connection.sqlite,
            storeType: 'better-sqlite3',
          });
    return { limiter, Rejection: lib.RateLimiterRes };
  };

  return {
    async consume(key: string) {
      const { limiter, Rejection } = await (ready ??= load());
      try {
        await limiter.consume(key);
        return { allowed: true, retryAfterMs: 0 };
      } catch (rejection) {
        if (rejection instanceof Rejection) {
          const { msBeforeNext } = rejection as { msBeforeNext: number };
          return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(msBeforeNext)) };
        }
        throw rejection;
      }
    },
  };
}

/** Deletes windows that ended more than an hour ago. */
export async function sweepExpiredRateLimits(
  db: Kysely<Database>,
  now = Date.now(),
): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('expire', '<', now - 3_600_000)
    .execute();
}
