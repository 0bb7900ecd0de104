/*
 * The matcher as it was before src/core/close-names.ts: it scores every name for every new
 * query. Kept only as the reference the indexed matcher must agree with exactly
 * (matcher-equivalence.test.ts). Do not use it elsewhere. One change since: its bigram
 * shortlist counts repeats, as names-inside.ts does (the distinct count missed names).
 */
import Fuse from 'fuse.js';
import type { Provider } from '../../src/core/dataset-schema.js';
import { editDistance } from '../../src/core/edit-distance.js';
import { compact, hasUnspacedScript, normalize } from '../../src/core/normalize.js';

export type MatchResult =
  | { kind: 'overview' }
  | {
      kind: 'provider';
      provider: Provider;
      how: 'exact' | 'in-text' | 'fuzzy';
      /** The finding a model or product name belongs to, when the name was one of those. */
      finding?: number;
    }
  | { kind: 'ambiguous'; candidates: Provider[] }
  | { kind: 'not-found' };

export interface Matcher {
  match(query: string): MatchResult;
  /** Best candidates for autocomplete: exact, then prefix, then fuzzy; all providers when empty. */
  rank(query: string, limit: number): Provider[];
}

/*
 * Scores run from 0 (same name) to 1 (nothing alike): edits divided by the longer length.
 * Answer directly only when the best score is low and clearly ahead of the runner-up
 * (RoboDanny's rule); otherwise offer the candidates.
 */
const CONFIDENT_SCORE = 0.25;
const SUGGEST_SCORE = 0.45;
const CONFIDENT_MARGIN = 0.1;
/** A query that is the start of a longer name ("claud") scores its edits plus this. */
const PREFIX_PENALTY = 0.1;
const MIN_PREFIX_LENGTH = 4;
const MIN_FUZZY_LENGTH = 3;
/**
 * Short names are too close to other words to correct a typo into: "groq" is one edit from
 * "grok" and is another company. Below this length a name matches exactly or not at all.
 */
const MIN_TYPO_LENGTH = 5;
/** Longer input is a sentence, not a name: look for names inside it, never fuzzily. */
const MAX_FUZZY_LENGTH = 32;
/** fuse.js finds names inside names ("arena" in "chatbotarena"): only as suggestions. */
const FUSE_SCORE = 0.2;
const MAX_SUGGESTIONS = 5;
const MAX_NGRAM = 4;
const MEMO_SIZE = 2_000;
/** Names sit near the start of what people type; the rest only costs time. */
export const MAX_QUERY_CHARS = 512;

interface Term {
  key: string;
  /** Which characters occur in `key`, folded into 32 bits (see lettersMissing). */
  mask: number;
  provider: Provider;
  finding?: number;
}

interface Named {
  provider: Provider;
  finding?: number;
}

interface Scored {
  provider: Provider;
  score: number;
}

function maskOf(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

function bitCount(n: number): number {
  let count = 0;
  for (let v = n >>> 0; v !== 0; v &= v - 1) count++;
  return count;
}

/**
 * Each edit adds or removes at most one distinct character, so the characters one string has
 * and the other lacks bound the edit distance from below. Checking that bound first skips the
 * full comparison for most names. (Folding into 32 bits only ever lowers the bound.)
 */
function lettersMissing(a: number, b: number): number {
  return Math.max(bitCount(a & ~b), bitCount(b & ~a));
}

function ratio(a: string, aMask: number, b: string, bMask: number, max: number): number {
  if (lettersMissing(aMask, bMask) > max) return 1;
  const d = editDistance(a, b, max);
  return d > max ? 1 : d / Math.max(a.length, b.length);
}

function scoreTerm(query: string, queryMask: number, term: Term): number {
  const max = Math.floor(query.length * SUGGEST_SCORE);
  const whole = ratio(query, queryMask, term.key, term.mask, max);
  if (term.key.length <= query.length || query.length < MIN_PREFIX_LENGTH) return whole;
  const start = term.key.slice(0, query.length);
  return Math.min(whole, ratio(query, queryMask, start, maskOf(start), max) + PREFIX_PENALTY);
}

/** Best score per provider, best first. */
function bestPerProvider(scored: Scored[]): Scored[] {
  const best = new Map<Provider, number>();
  for (const { provider, score } of scored) {
    if (score < (best.get(provider) ?? Infinity)) best.set(provider, score);
  }
  return [...best]
    .map(([provider, score]) => ({ provider, score }))
    .sort((a, b) => a.score - b.score);
}

const FUSE_OPTIONS = {
  keys: ['key'],
  includeScore: true,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  threshold: FUSE_SCORE,
  minMatchCharLength: 3,
};

/** Each bigram of a text and how often it occurs, in order of first appearance. */
function bigramsOf(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 2 <= text.length; i++) {
    const gram = text.slice(i, i + 2);
    out.set(gram, (out.get(gram) ?? 0) + 1);
  }
  return out;
}

function indexBigrams(terms: readonly Term[]): Map<string, [number, number][]> {
  const index = new Map<string, [number, number][]>();
  terms.forEach((term, i) => {
    for (const [gram, count] of bigramsOf(term.key)) {
      const list = index.get(gram);
      if (list) list.push([i, count]);
      else index.set(gram, [[i, count]]);
    }
  });
  return index;
}

/**
 * fuse.js scans every name it holds, about a microsecond each. A name within k edits of the
 * query shares at least (n - 1) - 2k of its n - 1 bigrams, counted with repeats (the q-gram
 * lemma), so only names passing that count can match, and fuse.js only has to look at those.
 */
function bigramCandidates(
  index: Map<string, [number, number][]>,
  terms: readonly Term[],
  key: string,
): Term[] {
  const grams = bigramsOf(key);
  const edits = Math.floor(key.length * FUSE_SCORE);
  const needed = Math.max(1, key.length - 1 - 2 * edits);
  const shared = new Map<number, number>();
  for (const [gram, wanted] of grams) {
    for (const [i, count] of index.get(gram) ?? []) {
      shared.set(i, (shared.get(i) ?? 0) + Math.min(wanted, count));
    }
  }
  return [...shared].filter(([, count]) => count >= needed).map(([i]) => terms[i]!);
}

function termsOf(provider: Provider): Term[] {
  const named = [provider.id, provider.name, ...provider.aliases].map((name) => ({ name }));
  const byFinding = provider.findings.flatMap((f, finding) =>
    (f.aliases ?? []).map((name) => ({ name, finding })),
  );
  const seen = new Set<string>();
  const out: Term[] = [];
  for (const { name, finding } of [...named, ...byFinding] as {
    name: string;
    finding?: number;
  }[]) {
    const key = compact(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, mask: maskOf(key), provider, ...(finding === undefined ? {} : { finding }) });
  }
  return out;
}

/**
 * @param unlisted names known to be something other than a listed provider (a chip, a laptop,
 *   the vLLM project itself): they are never matched or corrected into a provider's name.
 */
export function createMatcher(
  providers: readonly Provider[],
  unlisted: readonly string[] = [],
): Matcher {
  const byKey = new Map<string, Named>();
  const terms = providers.flatMap(termsOf);
  for (const term of terms) byKey.set(term.key, term);
  const notProviders = new Set(unlisted.map(compact).filter((k) => !byKey.has(k)));
  const unspaced = terms.filter((t) => hasUnspacedScript(t.key) && t.key.length >= 2);
  const alphabetical = [...providers].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const bigrams = indexBigrams(terms);
  // Fuzzy results depend only on the compacted query; people ask the same things often.
  const memo = new Map<string, MatchResult>();

  /**
   * Every provider named somewhere in the text, by exact word runs or CJK substrings. The
   * longest run wins: "llama cpp" names llama.cpp, and its "llama" is not also Meta's Llama.
   */
  function namedIn(text: string): Named[] {
    const found = new Map<Provider, Named>();
    const words = text.split(' ');
    const used = new Array<boolean>(words.length).fill(false);
    for (let size = Math.min(MAX_NGRAM, words.length); size >= 1; size--) {
      for (let start = 0; start + size <= words.length; start++) {
        if (used.slice(start, start + size).some(Boolean)) continue;
        const key = words.slice(start, start + size).join('');
        const hit = byKey.get(key);
        if (hit && !found.has(hit.provider)) found.set(hit.provider, hit);
        if (hit || notProviders.has(key)) used.fill(true, start, start + size);
      }
    }
    if (hasUnspacedScript(text)) {
      const joined = words.join('');
      for (const term of unspaced) {
        if (joined.includes(term.key) && !found.has(term.provider)) found.set(term.provider, term);
      }
    }
    return [...found.values()];
  }

  function closeNames(key: string): Scored[] {
    const mask = maskOf(key);
    const scored = terms.map((t) => ({ provider: t.provider, score: scoreTerm(key, mask, t) }));
    return bestPerProvider(scored.filter((s) => s.score <= SUGGEST_SCORE));
  }

  function containing(key: string): Provider[] {
    const candidates = bigramCandidates(bigrams, terms, key);
    if (candidates.length === 0) return [];
    // fuse.js verifies the few names the bigram filter let through (see bigramCandidates).
    const fuse = new Fuse(candidates, FUSE_OPTIONS);
    // fuse.js applies its threshold per key, not to the final score: filter again.
    const hits = fuse.search(key, { limit: MAX_SUGGESTIONS * 3 });
    const scored = hits.map((h) => ({ provider: h.item.provider, score: h.score ?? 1 }));
    return bestPerProvider(scored.filter((s) => s.score <= FUSE_SCORE)).map((s) => s.provider);
  }

  function fuzzy(key: string): MatchResult {
    const close = closeNames(key);
    const [top, second] = close;
    if (
      top &&
      key.length >= MIN_TYPO_LENGTH &&
      top.score <= CONFIDENT_SCORE &&
      (!second || second.score - top.score >= CONFIDENT_MARGIN)
    ) {
      return { kind: 'provider', provider: top.provider, how: 'fuzzy' };
    }
    const candidates = [...new Set([...close.map((s) => s.provider), ...containing(key)])];
    if (candidates.length === 0) return { kind: 'not-found' };
    return { kind: 'ambiguous', candidates: candidates.slice(0, MAX_SUGGESTIONS) };
  }

  function memoFuzzy(key: string): MatchResult {
    let result = memo.get(key);
    if (!result) {
      result = fuzzy(key);
      if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
      memo.set(key, result);
    }
    return result;
  }

  function found(named: Named, how: 'exact' | 'in-text'): MatchResult {
    return {
      kind: 'provider',
      provider: named.provider,
      how,
      ...(named.finding === undefined ? {} : { finding: named.finding }),
    };
  }

  function match(query: string): MatchResult {
    if (query.trim() === '') return { kind: 'overview' };
    const text = normalize(query.slice(0, MAX_QUERY_CHARS));
    const key = text.replace(/ /g, '');
    if (!key) return { kind: 'not-found' };

    const exact = byKey.get(key);
    if (exact) return found(exact, 'exact');
    if (notProviders.has(key)) return { kind: 'not-found' };

    const named = namedIn(text);
    if (named.length === 1) return found(named[0]!, 'in-text');
    if (named.length > 1) {
      return {
        kind: 'ambiguous',
        candidates: named.slice(0, MAX_SUGGESTIONS).map((n) => n.provider),
      };
    }
    if (key.length < MIN_FUZZY_LENGTH || key.length > MAX_FUZZY_LENGTH)
      return { kind: 'not-found' };
    return memoFuzzy(key);
  }

  function rank(query: string, limit: number): Provider[] {
    const key = compact(query.slice(0, MAX_QUERY_CHARS));
    if (!key) return alphabetical.slice(0, limit);
    const ranked = new Set<Provider>();
    const exact = byKey.get(key);
    if (exact) ranked.add(exact.provider);
    for (const t of terms) if (t.key.startsWith(key)) ranked.add(t.provider);
    for (const n of namedIn(normalize(query.slice(0, MAX_QUERY_CHARS)))) ranked.add(n.provider);
    if (key.length >= MIN_FUZZY_LENGTH && key.length <= MAX_FUZZY_LENGTH) {
      for (const s of closeNames(key)) ranked.add(s.provider);
      if (ranked.size < limit) for (const p of containing(key)) ranked.add(p);
    }
    return [...ranked].slice(0, limit);
  }

  return { match, rank };
}
