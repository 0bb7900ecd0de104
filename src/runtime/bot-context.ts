import type { Logger } from 'pino';
import type { Answer } from '../core/answer-schema.js';
import type { Store } from '../store/index.js';
import type { Knowledge } from '../core/knowledge.js';
import type { Locale } from '../core/locales.js';
import type { ReportConfig } from './config.js';
import type { Metrics, Outcome, Platform } from './metrics.js';
import type { RateDecision } from './rate-limit.js';

export interface RequestRecord {
  platform: Platform;
  /** Autocomplete follows every keystroke: counted apart and logged only at debug level. */
  kind?: 'answer' | 'autocomplete';
  outcome: Outcome;
  locale: Locale;
  providerId?: string;
  /** Logged only at debug level: what people ask is theirs. */
  query?: string;
  startedAt: number;
  error?: unknown;
}

/** What every platform adapter gets: the live data and the operator's plumbing. */
export interface BotContext {
  knowledge(): Knowledge;
  logger: Logger;
  metrics: Metrics;
  /**
   * Per-user limit; `key` must be platform-qualified, e.g. `discord:123`. In memory for one
   * process; shared through the database when replicas run on PostgreSQL.
   */
  rateLimit(key: string): RateDecision | Promise<RateDecision>;
  /** The state (pins, reports, misses); absent only in tests that do not need it. */
  store?: Store;
  /** Where reports go; absent or without a channel: no Report button on that platform. */
  reports?: ReportConfig;
  /** Wraps one request so shutdown can wait for it; rejects new work once draining. */
  track<T>(work: () => Promise<T>): Promise<T>;
  accepting(): boolean;
  /** One log line and the metrics for an answered (or failed) request. */
  record(entry: RequestRecord): void;
  connected(platform: Platform, up: boolean): void;
  reconnected(platform: Platform): void;
}

export function outcomeOf(answer: Answer): Outcome {
  return answer.kind === 'provider' ? 'found' : answer.kind;
}

export class ShuttingDownError extends Error {
  constructor() {
    super('the bot is shutting down');
    this.name = 'ShuttingDownError';
  }
}

export interface BotContextDeps {
  knowledge: () => Knowledge;
  logger: Logger;
  metrics: Metrics;
  limiter: { check(key: string): RateDecision | Promise<RateDecision> };
  store?: Store;
  reports?: ReportConfig;
}

export interface LiveBotContext extends BotContext {
  /** Stops taking work and resolves when in-flight requests finished or `timeoutMs` passed. */
  drain(timeoutMs: number): Promise<{ unfinished: number }>;
  inFlight(): number;
}

export function createBotContext(deps: BotContextDeps): LiveBotContext {
  const { logger, metrics } = deps;
  const inflight = new Set<Promise<unknown>>();
  let draining = false;

  function track<T>(work: () => Promise<T>): Promise<T> {
    if (draining) return Promise.reject(new ShuttingDownError());
    const promise = work();
    inflight.add(promise);
    const forget = () => inflight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  async function drain(timeoutMs: number): Promise<{ unfinished: number }> {
    draining = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...inflight]), timeout]);
    clearTimeout(timer);
    return { unfinished: inflight.size };
  }

  function record(entry: RequestRecord): void {
    const ms = Math.round((performance.now() - entry.startedAt) * 100) / 100;
    const kind = entry.kind ?? 'answer';
    const counter = kind === 'autocomplete' ? metrics.autocompletes : metrics.requests;
    counter.inc({ platform: entry.platform, outcome: entry.outcome });
    metrics.latency.observe({ platform: entry.platform, kind }, ms / 1000);
    // When the line's level is off (LOG_LEVEL=warn writes nothing per request), do not build
    // it; debug, the only level that adds the query, is on only when this one is.
    const level = entry.outcome === 'error' ? 'error' : kind === 'autocomplete' ? 'debug' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const line = {
      platform: entry.platform,
      ...(kind === 'autocomplete' ? { kind } : {}),
      outcome: entry.outcome,
      provider: entry.providerId,
      locale: entry.locale,
      ms,
    };
    if (entry.outcome === 'error') logger.error({ ...line, err: entry.error }, 'request failed');
    else if (kind === 'autocomplete') logger.debug(line, 'suggested');
    else logger.info(line, 'answered');
    if (entry.query !== undefined) logger.debug({ ...line, query: entry.query }, 'query');
  }

  return {
    knowledge: deps.knowledge,
    logger,
    metrics,
    rateLimit: (key) => deps.limiter.check(key),
    ...(deps.store ? { store: deps.store } : {}),
    ...(deps.reports ? { reports: deps.reports } : {}),
    track,
    accepting: () => !draining,
    record,
    connected: (platform, up) => metrics.connected.set({ platform }, up ? 1 : 0),
    reconnected: (platform) => metrics.reconnects.inc({ platform }),
    drain,
    inFlight: () => inflight.size,
  };
}

/** A handle on a running platform connection, for readiness and shutdown. */
export interface PlatformHandle {
  name: Platform;
  ready(): boolean;
  stop(): Promise<void>;
}
