import { describe, expect, it, vi } from 'vitest';
import { createUserLocales, type LocaleLookup } from '../../src/slack/user-locale.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function lookupFrom(locales: Record<string, string | undefined>) {
  const calls: string[] = [];
  const lookup: LocaleLookup = (user) => {
    calls.push(user);
    return Promise.resolve(locales[user]);
  };
  return { lookup, calls };
}

describe('user locales', () => {
  it('maps the Slack locale to a supported one and asks Slack once per user', async () => {
    const { lookup, calls } = lookupFrom({ U1: 'de-DE', U2: 'es-LA', U3: 'ja-JP' });
    const locales = createUserLocales(lookup);
    expect(await locales.get('T', 'U1')).toBe('de');
    expect(await locales.get('T', 'U2')).toBe('es-419');
    expect(await locales.get('T', 'U3')).toBe('ja');
    expect(await locales.get('T', 'U1')).toBe('de');
    expect(calls).toEqual(['U1', 'U2', 'U3']);
    expect(locales.peek('T', 'U2')).toBe('es-419');
    expect(locales.peek('T', 'U9')).toBeUndefined();
  });

  it('keys the cache by workspace too', async () => {
    const { lookup, calls } = lookupFrom({ U1: 'fr-FR' });
    const locales = createUserLocales(lookup);
    await locales.get('T1', 'U1');
    await locales.get('T2', 'U1');
    expect(calls).toEqual(['U1', 'U1']);
  });

  it('asks through the lookup a request brings (its workspace’s token) instead of the default', async () => {
    const fallback = lookupFrom({ U1: 'fr-FR' });
    const own = lookupFrom({ U1: 'ko-KR' });
    const locales = createUserLocales(fallback.lookup);
    expect(await locales.get('T', 'U1', own.lookup)).toBe('ko');
    expect(own.calls).toEqual(['U1']);
    expect(fallback.calls).toEqual([]);
  });

  it('asks again once the TTL has passed', async () => {
    const c = clock();
    const tags: Record<string, string> = { U1: 'de-DE' };
    const { lookup, calls } = lookupFrom(tags);
    const locales = createUserLocales(lookup, { ttlMs: 60_000, now: c.now });
    expect(await locales.get('T', 'U1')).toBe('de');
    c.advance(59_999);
    expect(await locales.get('T', 'U1')).toBe('de');
    tags.U1 = 'fr-FR';
    c.advance(2);
    expect(locales.peek('T', 'U1')).toBeUndefined();
    expect(await locales.get('T', 'U1')).toBe('fr');
    expect(calls).toEqual(['U1', 'U1']);
  });

  it('remembers at most maxEntries users, forgetting the least recently used', async () => {
    const { lookup, calls } = lookupFrom({ A: 'de-DE', B: 'fr-FR', C: 'ja-JP' });
    const locales = createUserLocales(lookup, { maxEntries: 2 });
    await locales.get('T', 'A');
    await locales.get('T', 'B');
    await locales.get('T', 'A'); // A is now the most recent
    await locales.get('T', 'C'); // evicts B
    expect(locales.size).toBe(2);
    expect(locales.peek('T', 'A')).toBe('de');
    expect(locales.peek('T', 'B')).toBeUndefined();
    expect(locales.peek('T', 'C')).toBe('ja');
    expect(calls).toEqual(['A', 'B', 'C']);
  });

  it('stays bounded under many users', async () => {
    const locales = createUserLocales(() => Promise.resolve('de-DE'), { maxEntries: 100 });
    for (let i = 0; i < 1_000; i++) await locales.get('T', `U${i}`);
    expect(locales.size).toBe(100);
  });

  it('falls back to en-US when Slack fails, and waits a while before asking again', async () => {
    const c = clock();
    const onError = vi.fn();
    let calls = 0;
    const locales = createUserLocales(
      () => {
        calls += 1;
        return Promise.reject(new Error('user_not_found'));
      },
      { failureTtlMs: 10_000, now: c.now, onError },
    );
    expect(await locales.get('T', 'U1')).toBe('en-US');
    expect(await locales.get('T', 'U1')).toBe('en-US');
    expect(calls).toBe(1);
    expect(onError).toHaveBeenCalledTimes(1);
    c.advance(10_001);
    expect(await locales.get('T', 'U1')).toBe('en-US');
    expect(calls).toBe(2);
  });

  it('falls back to en-US for a user without a locale or with a strange one', async () => {
    const { lookup } = lookupFrom({ U1: undefined, U2: 'tlh-KLINGON' });
    const locales = createUserLocales(lookup);
    expect(await locales.get('T', 'U1')).toBe('en-US');
    expect(await locales.get('T', 'U2')).toBe('en-US');
  });

  it('does not wait for a slow Slack, and uses the late answer next time', async () => {
    let release: (tag: string) => void = () => undefined;
    const onTimeout = vi.fn();
    let calls = 0;
    const locales = createUserLocales(
      () => {
        calls += 1;
        return new Promise<string>((resolve) => (release = resolve));
      },
      { timeoutMs: 50, onTimeout },
    );
    const started = performance.now();
    expect(await locales.get('T', 'U1')).toBe('en-US');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    // A second request while the first call is still out shares it rather than asking again.
    expect(await locales.get('T', 'U1')).toBe('en-US');
    expect(calls).toBe(1);
    release('ko-KR');
    await vi.waitFor(() => expect(locales.peek('T', 'U1')).toBe('ko'), { timeout: 1_000 });
    expect(await locales.get('T', 'U1')).toBe('ko');
    expect(calls).toBe(1);
  });

  it('shares one call between concurrent requests of one user', async () => {
    const { lookup, calls } = lookupFrom({ U1: 'pl-PL' });
    const locales = createUserLocales(lookup);
    const all = await Promise.all([1, 2, 3, 4].map(() => locales.get('T', 'U1')));
    expect(all).toEqual(['pl', 'pl', 'pl', 'pl']);
    expect(calls).toEqual(['U1']);
  });

  it('survives a lookup that throws synchronously', async () => {
    const locales = createUserLocales(() => {
      throw new Error('boom');
    });
    expect(await locales.get('T', 'U1')).toBe('en-US');
  });
});
