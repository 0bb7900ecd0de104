import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/runtime/rate-limit.js';

describe('rate limiter', () => {
  it('allows 5 requests in 10 seconds, then says when to retry', () => {
    const limiter = createRateLimiter(5, 10_000);
    for (let i = 0; i < 5; i++) expect(limiter.check('u', 1_000 + i)).toEqual({ ok: true });
    expect(limiter.check('u', 2_000)).toEqual({ ok: false, retryAfterSeconds: 9 });
    expect(limiter.check('other', 2_000)).toEqual({ ok: true });
    expect(limiter.check('u', 11_001)).toEqual({ ok: true });
  });

  it('keeps its memory bounded', () => {
    const limiter = createRateLimiter(5, 10_000, 100);
    for (let i = 0; i < 10_000; i++) limiter.check(`user-${i}`, i);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});
