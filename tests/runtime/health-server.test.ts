import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from '../../src/runtime/health-server.js';
import { createMetrics } from '../../src/runtime/metrics.js';

let server: HealthServer | undefined;
afterEach(async () => server?.close());

describe('health server', () => {
  it('serves liveness, readiness with reasons, and Prometheus metrics', async () => {
    const metrics = createMetrics();
    metrics.requests.inc({ platform: 'discord', outcome: 'found' });
    metrics.latency.observe({ platform: 'discord', kind: 'answer' }, 0.004);
    metrics.datasetInfo.set({ version: '2026-11-26', hash: 'abc' }, 1);
    let ready = false;
    server = await startHealthServer(
      0,
      () => ({ ready, reasons: ready ? [] : ['discord is not connected'] }),
      metrics.registry,
    );
    const base = `http://127.0.0.1:${server.port}`;

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, reasons: ['discord is not connected'] });
    ready = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('vllm_bot_requests_total{platform="discord",outcome="found"} 1');
    expect(text).toContain('vllm_bot_dataset_info{version="2026-11-26",hash="abc"} 1');
    expect(text).toContain('vllm_bot_request_duration_seconds_bucket');
    expect(text).toContain('vllm_bot_gateway_reconnects_total');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});
