import Fuse from 'fuse.js';
import type { Provider } from './dataset-schema.js';
import { compact, hasUnspacedScript, normalize } from './normalize.js';

export type MatchResult =
  | { kind: 'overview' }
  | { kind: 'provider'; provider: Provider; how: 'exact' | 'in-text' | 'fuzzy' }
  | { kind: 'ambiguous'; candidates: Provider[] }
  | { kind: 'not-found' };

// Scores are fuse.js's: 0 is a perfect match, 1 none. With one compacted key and no field
// norm, a score is close to "edits / query length", which keeps these cut-offs readable.
const CONFIDENT_SCORE = 0.25;
const SUGGEST_SCORE = 0.45;
/** Answer directly only when the runner-up is clearly worse (RoboDanny's rule). */
const CONFIDENT_MARGIN = 0.1;
const MIN_FUZZY_LENGTH = 3;
/** Longer input is a sentence, not a name: look for names inside it, never fuzzily. */
const MAX_FUZZY_LENGTH = 32;
const MAX_SUGGESTIONS = 5;
const MAX_NGRAM = 4;

interface Entry {
  provider: Provider;
  terms: string[];
}

export interface Matcher {
  match(query: string): MatchResult;
  /** Best candidates for autocomplete: exact, then prefix, then fuzzy; all providers when empty. */
  rank(query: string, limit: number): Provider[];
}

export function createMatcher(providers: readonly Provider[]): Matcher {
  const byKey = new Map<string, Provider>();
  const unspaced: { key: string; provider: Provider }[] = [];
  const entries: Entry[] = providers.map((provider) => {
    const terms = [...new Set([provider.id, provider.name, ...provider.aliases].map(compact))];
    for (const key of terms.filter(Boolean)) {
      byKey.set(key, provider);
      if (hasUnspacedScript(key) && key.length >= 2) unspaced.push({ key, provider });
    }
    return { provider, terms };
  });
  const alphabetical = [...providers].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const fuse = new Fuse(entries, {
    keys: ['terms'],
    includeScore: true,
    ignoreLocation: true,
    ignoreFieldNorm: true,
    threshold: SUGGEST_SCORE,
    minMatchCharLength: 2,
  });

  /** Every provider named somewhere in the text, by exact word runs or CJK substrings. */
  function namedIn(text: string): Provider[] {
    const found = new Set<Provider>();
    const words = text.split(' ');
    for (let size = Math.min(MAX_NGRAM, words.length); size >= 1; size--) {
      for (let start = 0; start + size <= words.length; start++) {
        const hit = byKey.get(words.slice(start, start + size).join(''));
        if (hit) found.add(hit);
      }
    }
    if (hasUnspacedScript(text)) {
      const joined = words.join('');
      for (const { key, provider } of unspaced) if (joined.includes(key)) found.add(provider);
    }
    return [...found];
  }

  function fuzzy(key: string): { provider: Provider; score: number }[] {
    const seen = new Set<Provider>();
    const out: { provider: Provider; score: number }[] = [];
    for (const r of fuse.search(key, { limit: MAX_SUGGESTIONS * 2 })) {
      const score = r.score ?? 1;
      if (score > SUGGEST_SCORE || seen.has(r.item.provider)) continue;
      seen.add(r.item.provider);
      out.push({ provider: r.item.provider, score });
    }
    return out;
  }

  function match(query: string): MatchResult {
    if (query.trim() === '') return { kind: 'overview' };
    const text = normalize(query);
    const key = text.replace(/ /g, '');
    if (!key) return { kind: 'not-found' };

    const exact = byKey.get(key);
    if (exact) return { kind: 'provider', provider: exact, how: 'exact' };

    const named = namedIn(text);
    if (named.length === 1) return { kind: 'provider', provider: named[0]!, how: 'in-text' };
    if (named.length > 1) return { kind: 'ambiguous', candidates: named.slice(0, MAX_SUGGESTIONS) };

    if (key.length < MIN_FUZZY_LENGTH || key.length > MAX_FUZZY_LENGTH)
      return { kind: 'not-found' };
    const hits = fuzzy(key);
    const [top, second] = hits;
    if (!top) return { kind: 'not-found' };
    const clear = !second || second.score - top.score >= CONFIDENT_MARGIN;
    if (top.score <= CONFIDENT_SCORE && clear) {
      return { kind: 'provider', provider: top.provider, how: 'fuzzy' };
    }
    return { kind: 'ambiguous', candidates: hits.slice(0, MAX_SUGGESTIONS).map((h) => h.provider) };
  }

  function rank(query: string, limit: number): Provider[] {
    const key = compact(query);
    if (!key) return alphabetical.slice(0, limit);
    const ranked = new Set<Provider>();
    const exact = byKey.get(key);
    if (exact) ranked.add(exact);
    for (const e of entries) if (e.terms.some((t) => t.startsWith(key))) ranked.add(e.provider);
    for (const p of namedIn(normalize(query))) ranked.add(p);
    if (key.length <= MAX_FUZZY_LENGTH) for (const h of fuzzy(key)) ranked.add(h.provider);
    return [...ranked].slice(0, limit);
  }

  return { match, rank };
}
