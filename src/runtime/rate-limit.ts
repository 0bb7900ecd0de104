export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  check(key: string, now?: number): RateDecision;
  readonly size: number;
}

/**
 * Sliding-window limit per user. Memory is bounded: past `maxKeys` users the least recently
 * seen one is forgotten, which at worst lets that user ask a little sooner.
 */
export function createRateLimiter(max: number, windowMs: number, maxKeys = 10_000): RateLimiter {
  const hits = new Map<string, number[]>();

  function check(key: string, now = Date.now()): RateDecision {
    const recent = hits.get(key) ?? [];
    // Oldest first: drop the expired from the front instead of copying the list every time.
    let expired = 0;
    while (expired < recent.length && now - recent[expired]! >= windowMs) expired++;
    if (expired > 0) recent.splice(0, expired);
    // Deleted and set again: the Map's order is then least recently seen first.
    hits.delete(key);
    if (recent.length >= max) {
      hits.set(key, recent);
      const retryAfterMs = windowMs - (now - recent[0]!);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    }
    recent.push(now);
    hits.set(key, recent);
    if (hits.size > maxKeys) hits.delete(hits.keys().next().value!);
    return { ok: true };
  }

  return {
    check,
    get size() {
      return hits.size;
    },
  };
}

/** The database-backed limiter shared by replicas, behind the same decision type. */
export function sharedRateLimiter(shared: {
  consume(key: string): Promise<{ allowed: boolean; retryAfterMs: number }>;
}): { check(key: string): Promise<RateDecision> } {
  return {
    async check(key) {
      const { allowed, retryAfterMs } = await shared.consume(key);
      return allowed
        ? { ok: true }
        : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    },
  };
}
