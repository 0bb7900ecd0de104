import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Platform = 'discord' | 'slack' | 'cli';
export type Outcome = 'found' | 'ambiguous' | 'not-found' | 'overview' | 'rate-limited' | 'error';

export interface Metrics {
  registry: Registry;
  requests: Counter<'platform' | 'outcome'>;
  autocompletes: Counter<'platform' | 'outcome'>;
  latency: Histogram<'platform' | 'kind'>;
  datasetInfo: Gauge<'version' | 'hash'>;
  reconnects: Counter<'platform'>;
  connected: Gauge<'platform'>;
  reloads: Counter<'result'>;
  misses: Counter;
}

/** A registry of its own per process (and per test), never prom-client's global one. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  // Event-loop lag sampled every 100 ms, not prom-client's 10: a timer waking an idle bot 100
  // times a second cost about 2.7 ms of CPU per second; ten samples a second still show a lag.
  collectDefaultMetrics({
    register: registry,
    prefix: 'vllm_bot_',
    eventLoopMonitoringPrecision: 100,
  });
  return {
    registry,
    requests: new Counter({
      name: 'vllm_bot_requests_total',
      help: 'Answered requests by platform and outcome.',
      labelNames: ['platform', 'outcome'],
      registers: [registry],
    }),
    autocompletes: new Counter({
      name: 'vllm_bot_autocomplete_total',
      help: 'Autocomplete suggestions sent, by platform and outcome.',
      labelNames: ['platform', 'outcome'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'vllm_bot_request_duration_seconds',
      help: 'Time from receiving a request to sending its answer (kind: answer or autocomplete).',
      labelNames: ['platform', 'kind'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    datasetInfo: new Gauge({
      name: 'vllm_bot_dataset_info',
      help: 'The loaded dataset; the value is always 1.',
      labelNames: ['version', 'hash'],
      registers: [registry],
    }),
    reconnects: new Counter({
      name: 'vllm_bot_gateway_reconnects_total',
      help: 'Platform connections re-established after a drop.',
      labelNames: ['platform'],
      registers: [registry],
    }),
    connected: new Gauge({
      name: 'vllm_bot_platform_connected',
      help: '1 while the platform connection is up.',
      labelNames: ['platform'],
      registers: [registry],
    }),
    reloads: new Counter({
      name: 'vllm_bot_dataset_reloads_total',
      help: 'Dataset loads, the first included, by result (loaded or rejected).',
      labelNames: ['result'],
      registers: [registry],
    }),
    // No label for the query: what people ask is theirs, and labels would grow without bound.
    misses: new Counter({
      name: 'vllm_bot_misses_total',
      help: 'Queries answered "no provider found" (unmatched queries), on every platform.',
      registers: [registry],
    }),
  };
}
