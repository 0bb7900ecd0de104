import { missKey } from '../core/miss-query.js';
import type { BotContext } from './bot-context.js';

/**
 * Counts a query the dataset could not answer ("no provider found"): always in
 * `vllm_bot_misses_total`, and in the store's misses table when it is not junk (see
 * `missKey`). Fire and forget: a store failure is a warning, never a failed reply.
 */
export function countMiss(ctx: BotContext, query: string): void {
  ctx.metrics.misses.inc();
  const key = missKey(query);
  if (!key || !ctx.store) return;
  ctx.store.recordMiss(key).catch((err: unknown) => {
    ctx.logger.warn({ err }, 'could not record an unmatched query');
  });
}
