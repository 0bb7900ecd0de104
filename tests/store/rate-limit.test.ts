import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useBackends } from './backends.js';

const backends = useBackends();

describe.each(backends)('shared rate limit on $name', (backend) => {
  it('is shared by two store instances on the same database', async () => {
    const url = await backend.freshUrl();
    const a = await backend.open({ url });
    const b = await backend.open({ url });
    const limitA = a.rateLimiter({ points: 3, durationSeconds: 30, name: 'command' });
    const limitB = b.rateLimiter({ points: 3, durationSeconds: 30, name: 'command' });

    const decisions = [
      await limitA.consume('user-1'),
      await limitB.consume('user-1'),
      await limitA.consume('user-1'),
      await limitB.consume('user-1'),
    ];
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]!.retryAfterMs).toBeGreaterThan(25_000);
    expect(decisions[3]!.retryAfterMs).toBeLessThanOrEqual(30_000);

    // Another user, and another limiter name, count separately.
    expect((await limitB.consume('user-2')).allowed).toBe(true);
    expect(
      (await b.rateLimiter({ points: 1, durationSeconds: 30, name: 'report' }).consume('user-1'))
        .allowed,
    ).toBe(true);
  });

  it('counts concurrent requests exactly', async () => {
    const url = await backend.freshUrl();
    const a = await backend.open({ url });
    const b = await backend.open({ url });
    const limiters = [a, b].map((s) => s.rateLimiter({ points: 5, durationSeconds: 30 }));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => limiters[i % 2]!.consume('burst')),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('allows again once the window has passed', async () => {
    const store = await backend.open();
    const limit = store.rateLimiter({ points: 1, durationSeconds: 1 });
    expect((await limit.consume('u')).allowed).toBe(true);
    const blocked = await limit.consume('u');
    expect(blocked.allowed).toBe(false);
    expect(blocked.retryAfterMs).toBeLessThanOrEqual(1000);
    await sleep(blocked.retryAfterMs + 50);
    expect((await limit.consume('u')).allowed).toBe(true);
  });

  it('rejects nonsense limits', async () => {
    const store = await backend.open();
    expect(() => store.rateLimiter({ points: 0, durationSeconds: 1 })).toThrow(/points/);
    expect(() => store.rateLimiter({ points: 1, durationSeconds: 0.5 })).toThrow(/durationSeconds/);
    expect(() => store.rateLimiter({ points: 1, durationSeconds: 1, name: 'a b' })).toThrow(/name/);
  });
});
