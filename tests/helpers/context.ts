import { Writable } from 'node:stream';
import { loadKnowledge } from '../../src/core/load-knowledge.js';
import type { Knowledge } from '../../src/core/knowledge.js';
import { createBotContext, type LiveBotContext } from '../../src/runtime/bot-context.js';
import { createLogger } from '../../src/runtime/logger.js';
import { createMetrics } from '../../src/runtime/metrics.js';
import { createRateLimiter } from '../../src/runtime/rate-limit.js';
import type { Store } from '../../src/store/index.js';

export interface TestContext {
  ctx: LiveBotContext;
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[];
  /** The raw text of every log line, for asserting that secrets never appear. */
  rawLogs: string[];
}

let shared: Knowledge | undefined;

/** The real dataset and UI strings, loaded once per test file. */
export function realKnowledge(): Knowledge {
  shared ??= loadKnowledge();
  return shared;
}

export function createTestContext(
  options: {
    knowledge?: () => Knowledge;
    rateLimit?: { max: number; windowMs: number };
    secrets?: string[];
    /** A real store (SQLite or PostgreSQL) for tests of what the bot remembers. */
    store?: Store;
  } = {},
): TestContext {
  const logs: Record<string, unknown>[] = [];
  const rawLogs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString();
      rawLogs.push(text);
      for (const line of text.split('\n').filter(Boolean))
        logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination, secrets: options.secrets ?? [] });
  const limit = options.rateLimit ?? { max: 1_000_000, windowMs: 1_000 };
  const ctx = createBotContext({
    knowledge: options.knowledge ?? realKnowledge,
    logger,
    metrics: createMetrics(),
    limiter: createRateLimiter(limit.max, limit.windowMs),
    ...(options.store ? { store: options.store } : {}),
  });
  return { ctx, logs, rawLogs };
}
