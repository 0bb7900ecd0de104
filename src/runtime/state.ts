import type { Logger } from 'pino';
import type { Store } from '../store/index.js';
import type { Config } from './config.js';
import { createRateLimiter, sharedRateLimiter, type RateDecision } from './rate-limit.js';

/** How often /readyz learns whether the database answers (it never waits on one itself). */
const PING_EVERY_MS = 5_000;

export interface State {
  store: Store;
  limiter: { check(key: string): RateDecision | Promise<RateDecision> };
  /** Why the database is not ready, or undefined when its last ping succeeded. */
  problem(): string | undefined;
  close(): Promise<void>;
}

/**
 * Opens the database (SQLite by default, PostgreSQL for replicas) and picks the rate limiter:
 * in memory for one process, in the database when several replicas share PostgreSQL.
 */
export async function openState(config: Config, logger: Logger): Promise<State> {
  // Loaded here, not at the top of main: the SQLite and pg drivers cost memory and start-up.
  const { openStore } = await import('../store/index.js');
  const store = await openStore({
    ...config.state,
    logger,
  });
  const { max, windowMs } = config.rateLimit;
  const limiter =
    store.backend === 'postgres'
      ? sharedRateLimiter(
          store.rateLimiter({ points: max, durationSeconds: windowMs / 1000, name: 'command' }),
        )
      : createRateLimiter(max, windowMs);

  let problem: string | undefined;
  const ping = () =>
    store.ping().then(
      () => (problem = undefined),
      (error: unknown) => {
        if (problem === undefined)
          logger.warn({ err: error }, 'the state database does not answer');
        problem = 'the state database does not answer';
      },
    );
  const timer = setInterval(() => void ping(), PING_EVERY_MS);
  timer.unref();
  logger.info({ backend: store.backend, location: store.location }, 'state database open');

  return {
    store,
    limiter,
    problem: () => problem,
    async close() {
      clearInterval(timer);
      await store.close();
    },
  };
}
