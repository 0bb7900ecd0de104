import type { Logger } from 'pino';
import { missKey } from '../core/miss-query.js';
import type { Store } from '../store/index.js';
import type { BotContext } from './bot-context.js';

/*
 * Misses are written in batches: one durable write per unmatched query cost the Slack path a
 * synchronous fsync on the event loop under load (measured with `npm run bench -- --cpu-prof`),
 * and so did one write per distinct query in each flush: a flush is one statement.
 * No user is told a miss was saved, so a crash may lose at most the last second of counts.
 */
const FLUSH_AFTER_MS = 1_000;
const FLUSH_AT_KEYS = 200;

interface Pending {
  counts: Map<string, { times: number; last: number }>;
  timer?: NodeJS.Timeout;
}

const pending = new WeakMap<Store, Pending>();

/** Writes what is waiting; a store failure is a warning, never a failed reply. */
export async function flushMisses(store: Store, logger: Logger): Promise<void> {
  const batch = pending.get(store);
  if (!batch || batch.counts.size === 0) return;
  clearTimeout(batch.timer);
  batch.timer = undefined;
  const entries = [...batch.counts].map(([query, { times, last }]) => ({ query, times, last }));
  batch.counts.clear();
  await store.recordMisses(entries).catch((err: unknown) => {
    logger.warn({ err, queries: entries.length }, 'could not record unmatched queries');
  });
}

/**
 * Counts a query the dataset could not answer ("no provider found"): always in
 * `vllm_bot_misses_total`, and in the store's misses table when it is not junk (see
 * `missKey`), within about a second.
 */
export function countMiss(ctx: BotContext, query: string): void {
  ctx.metrics.misses.inc();
  const key = missKey(query);
  const store = ctx.store;
  if (!key || !store) return;
  let batch = pending.get(store);
  if (!batch) pending.set(store, (batch = { counts: new Map() }));
  const seen = batch.counts.get(key);
  batch.counts.set(key, { times: (seen?.times ?? 0) + 1, last: Date.now() });
  if (batch.counts.size >= FLUSH_AT_KEYS) {
    void flushMisses(store, ctx.logger);
  } else {
    batch.timer ??= setTimeout(() => void flushMisses(store, ctx.logger), FLUSH_AFTER_MS).unref();
  }
}
