import Fuse from 'fuse.js';
import type { Provider } from './dataset-schema.js';
import { boundedMemo } from './bounded-memo.js';
import { createCloseNames } from './close-names.js';
import { createNamesInside } from './names-inside.js';
import { compact, hasUnspacedScript, normalize } from './normalize.js';

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

/**
 * Answer a typo directly only when the best score is low and clearly ahead of the runner-up's
 * (`second`: Infinity when there is none).
 */
function confident(key: string, top: number, second: number): boolean {
  return (
    key.length >= MIN_TYPO_LENGTH && top <= CONFIDENT_SCORE && second - top >= CONFIDENT_MARGIN
  );
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
    out.push({ key, provider, ...(finding === undefined ? {} : { finding }) });
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
  const keys = terms.map((t) => t.key);
  const inside = createNamesInside(keys);
  const names = createCloseNames(
    keys,
    terms.map((t) => t.provider),
    {
      maxScore: SUGGEST_SCORE,
      prefixPenalty: PREFIX_PENALTY,
      minPrefixLength: MIN_PREFIX_LENGTH,
    },
  );
  // Fuzzy results depend only on the compacted query; people ask the same things often.
  const memo = boundedMemo<MatchResult>(MEMO_SIZE);

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

  /**
   * The best `wanted` providers by score. For an answer (not a list), only the best one once
   * it is a confident answer: then nothing else is looked at.
   */
  function closeNames(key: string, wanted: number, answer = false): Scored[] {
    const decided = (top: { score: number }, second: number) => confident(key, top.score, second);
    return names
      .close(key, wanted, answer ? decided : undefined)
      .map(({ owner, score }) => ({ provider: owner, score }));
  }

  function containing(key: string): Provider[] {
    const candidates = inside.within(key, FUSE_SCORE).map((i) => terms[i]!);
    if (candidates.length === 0) return [];
    // fuse.js scores the few names that may hold the key (see names-inside.ts).
    const fuse = new Fuse(candidates, FUSE_OPTIONS);
    // fuse.js applies its threshold per key, not to the final score: filter again.
    const hits = fuse.search(key, { limit: MAX_SUGGESTIONS * 3 });
    const scored = hits.map((h) => ({ provider: h.item.provider, score: h.score ?? 1 }));
    return bestPerProvider(scored.filter((s) => s.score <= FUSE_SCORE)).map((s) => s.provider);
  }

  function fuzzy(key: string): MatchResult {
    const close = closeNames(key, MAX_SUGGESTIONS, true);
    const [top, second] = close;
    if (top && confident(key, top.score, second?.score ?? Infinity)) {
      return { kind: 'provider', provider: top.provider, how: 'fuzzy' };
    }
    // Names inside names only fill the list when the close ones leave room.
    const inside = close.length < MAX_SUGGESTIONS ? containing(key) : [];
    const candidates = [...new Set([...close.map((s) => s.provider), ...inside])];
    if (candidates.length === 0) return { kind: 'not-found' };
    return { kind: 'ambiguous', candidates: candidates.slice(0, MAX_SUGGESTIONS) };
  }

  function memoFuzzy(key: string): MatchResult {
    return memo.get(key, () => fuzzy(key));
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
    for (const i of names.startingWith(key)) ranked.add(terms[i]!.provider);
    for (const n of namedIn(normalize(query.slice(0, MAX_QUERY_CHARS)))) ranked.add(n.provider);
    if (key.length >= MIN_FUZZY_LENGTH && key.length <= MAX_FUZZY_LENGTH) {
      for (const s of closeNames(key, limit)) ranked.add(s.provider);
      if (ranked.size < limit) for (const p of containing(key)) ranked.add(p);
    }
    return [...ranked].slice(0, limit);
  }

  return { match, rank };
}
