import { Writable } from 'node:stream';
import { loadKnowledge } from '../../src/core/load-knowledge.js';
import { createBotContext, type LiveBotContext } from '../../src/runtime/bot-context.js';
import { createLogger } from '../../src/runtime/logger.js';
import { createMetrics } from '../../src/runtime/metrics.js';
import { createRateLimiter } from '../../src/runtime/rate-limit.js';

/**
 * The context main.ts builds, for a benchmark: the real dataset, real metrics, a real pino
 * logger at 'warn' (nothing per request is written) into a sink, and a rate limit no benchmark
 * reaches (the load comes from a handful of simulated users).
 */
export function benchContext(secrets: string[]): LiveBotContext {
  const knowledge = loadKnowledge();
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  return createBotContext({
    knowledge: () => knowledge,
    logger: createLogger({ level: 'warn', destination: sink, secrets }),
    metrics: createMetrics(),
    limiter: createRateLimiter(1_000_000_000, 1_000),
  });
}
