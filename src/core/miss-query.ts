import { normalize } from './normalize.js';

/** Longest normalised query worth counting; longer input is a paste, not a name. */
export const MISS_QUERY_MAX = 100;

// Text that names people or places, not providers: it must never reach the misses table.
const MENTION = /<[@#!][^>]*>|&lt;[@#!]|@(?:everyone|here|channel)\b/i;
const URL_LIKE = /\b(?:https?:\/\/|www\.)\S/i;
const EMAIL = /\S@\S+\.\S/;

/**
 * The key an unmatched query is counted under, or undefined when it is junk: mentions
 * (`<@…>`, `<#…>`, `<!channel>`, `@everyone`), URLs, e-mail addresses, empty or over-long
 * input. The key is the core's `normalize()` form, so `Groq`, `GROQ` and `groq!` count once.
 */
export function missKey(query: string): string | undefined {
  if (MENTION.test(query) || URL_LIKE.test(query) || EMAIL.test(query)) return undefined;
  const key = normalize(query);
  if (key === '' || [...key].length > MISS_QUERY_MAX) return undefined;
  return key;
}
