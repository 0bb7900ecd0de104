import type { webApi } from '@slack/bolt';
import { resolveLocale } from '../core/locale-resolve.js';
import { FALLBACK_LOCALE, type Locale } from '../core/locales.js';

/** Asks Slack for a user's locale tag (users.info with include_locale), e.g. "de-DE". */
export type LocaleLookup = (userId: string) => Promise<string | undefined>;

/**
 * users.info through the client Bolt hands a listener: in OAuth mode it carries the bot token
 * of the workspace the request came from, which the app's own client does not have.
 */
export function lookupVia(client: webApi.WebClient): LocaleLookup {
  return async (user) => (await client.users.info({ user, include_locale: true })).user?.locale;
}

export interface UserLocaleOptions {
  /** How long a known locale is trusted. */
  ttlMs?: number;
  /** How long a failed lookup answers with the fallback before Slack is asked again. */
  failureTtlMs?: number;
  /** Users remembered at most; past it the least recently used is forgotten. */
  maxEntries?: number;
  /** How long an answer waits for Slack before it goes out in the fallback language. */
  timeoutMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
  onTimeout?: () => void;
}

export interface UserLocales {
  /**
   * The user's locale: cached, else from Slack, else (failure or slow) the fallback. `lookup`
   * asks Slack for this request (e.g. with its workspace's token) instead of the default one.
   */
  get(teamId: string, userId: string, lookup?: LocaleLookup): Promise<Locale>;
  /** The cached locale only, without asking Slack. */
  peek(teamId: string, userId: string): Locale | undefined;
  readonly size: number;
}

export const USER_LOCALE_DEFAULTS = {
  ttlMs: 60 * 60_000,
  failureTtlMs: 60_000,
  maxEntries: 10_000,
  timeoutMs: 800,
} as const;

interface Entry {
  locale: Locale;
  expires: number;
}

/**
 * The Slack slash command payload carries no locale, so each new user costs one users.info
 * call. Answers never wait on it for long: past `timeoutMs` they go out in the fallback
 * language while the call finishes in the background and fills the cache for next time.
 * Concurrent requests from one user share one call.
 */
export function createUserLocales(
  lookup: LocaleLookup,
  options: UserLocaleOptions = {},
): UserLocales {
  const ttlMs = options.ttlMs ?? USER_LOCALE_DEFAULTS.ttlMs;
  const failureTtlMs = options.failureTtlMs ?? USER_LOCALE_DEFAULTS.failureTtlMs;
  const maxEntries = options.maxEntries ?? USER_LOCALE_DEFAULTS.maxEntries;
  const timeoutMs = options.timeoutMs ?? USER_LOCALE_DEFAULTS.timeoutMs;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Locale>>();

  function remember(key: string, locale: Locale, ttl: number): void {
    entries.delete(key);
    entries.set(key, { locale, expires: now() + ttl });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  function cached(key: string): Locale | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.expires <= now()) return undefined;
    entries.set(key, entry); // most recently used goes last
    return entry.locale;
  }

  function fetchLocale(key: string, userId: string, ask: LocaleLookup): Promise<Locale> {
    let call = pending.get(key);
    if (!call) {
      call = Promise.resolve()
        .then(() => ask(userId))
        .then(
          (tag) => {
            const locale = resolveLocale(tag);
            remember(key, locale, ttlMs);
            return locale;
          },
          (error: unknown) => {
            options.onError?.(error);
            remember(key, FALLBACK_LOCALE, failureTtlMs);
            return FALLBACK_LOCALE;
          },
        )
        .finally(() => pending.delete(key));
      pending.set(key, call);
    }
    return call;
  }

  async function get(teamId: string, userId: string, ask = lookup): Promise<Locale> {
    const key = `${teamId}:${userId}`;
    const hit = cached(key);
    if (hit) return hit;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Locale>((resolve) => {
      timer = setTimeout(() => {
        options.onTimeout?.();
        resolve(FALLBACK_LOCALE);
      }, timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([fetchLocale(key, userId, ask), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get,
    peek: (teamId, userId) => cached(`${teamId}:${userId}`),
    get size() {
      return entries.size;
    },
  };
}
