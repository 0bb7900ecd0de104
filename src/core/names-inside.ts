/*
 * Names that may hold the query somewhere inside them ("arena" in "chatbotarena"), for
 * fuse.js to score. fuse.js looks at every name it is given, a few microseconds each, so it
 * gets only the names that pass two cheap tests, both of which a name must pass for fuse.js
 * to accept it with at most k = floor(n * ratio) edits of the n-character query:
 *
 * 1. Bigrams (the q-gram lemma): the name has at least (n - 1) - 2k of the query's n - 1
 *    bigrams, counted with repeats ("ra" twice in "beraora" needs two in the name). Counted
 *    32 names at a time (feature-bits.ts: one bit per name per bigram and repeat), because
 *    with thousands of names the common bigrams ("an", "er") each belong to hundreds of
 *    names and counting them one by one cost more than everything else.
 * 2. The edit distance of the query to the closest part of the name (Myers' bit-parallel
 *    search: one machine word per character of the name) is at most k. fuse.js's Bitap
 *    counts the same edits, and accepts a name only when errors / n is within its threshold.
 *
 * Names come back in the order fuse.js used to see them (by the first of the query's bigrams
 * they have, then as given), so ties between equal scores fall as before.
 */

import { CharPositions } from './char-positions.js';
import {
  atLeast,
  counter,
  featureBits,
  featureSets,
  lowestBit,
  tally,
  type FeatureBits,
} from './feature-bits.js';

export interface NamesInside {
  /** Indices of the names that may hold `key` within floor(key.length * ratio) edits. */
  within(key: string, ratio: number): number[];
}

/** A word holds 32 bits: longer queries are not searched (the matcher stops at 32). */
const MAX_KEY_LENGTH = 32;
/** Repeats of a bigram told apart; more count as the last again (never fewer than there are). */
const MAX_REPEATS = 4;

/** The distinct bigrams of a text, in order of first appearance. */
export function bigramsOf(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) out.add(text.slice(i, i + 2));
  return [...out];
}

/**
 * The fewest edits that turn `pattern` into some part of `text` (Myers 1999, the search
 * form: a match may start anywhere, so the top row of the table stays zero). `pattern` has
 * at most 32 characters; `positions` has learnt it.
 */
function closestPart(n: number, positions: CharPositions, text: string): number {
  const high = 1 << (n - 1);
  let plus = -1;
  let minus = 0;
  let score = n;
  let best = n;
  for (let j = 0; j < text.length; j++) {
    const eq = positions.of(text.charCodeAt(j));
    const xv = eq | minus;
    const xh = ((((eq & plus) + plus) | 0) ^ plus) | eq;
    let ph = minus | ~(xh | plus);
    let mh = plus & xh;
    if (ph & high) score++;
    else if (mh & high) score--;
    if (score < best) best = score;
    ph <<= 1;
    mh <<= 1;
    plus = mh | ~(xv | ph);
    minus = ph & xv;
  }
  return best;
}

/** Each bigram of a text, numbered with how many of it came before (up to MAX_REPEATS - 1). */
function repeatedBigrams(text: string, id: (gram: string) => number | undefined): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  for (let i = 0; i + 2 <= text.length; i++) {
    const gram = text.slice(i, i + 2);
    const before = seen.get(gram) ?? 0;
    seen.set(gram, before + 1);
    const at = id(gram);
    if (at !== undefined) out.push(at * MAX_REPEATS + Math.min(before, MAX_REPEATS - 1));
  }
  return out;
}

class InsideIndex implements NamesInside {
  private readonly gramId = new Map<string, number>();
  private readonly bits: FeatureBits;
  private readonly sets = new Int32Array(MAX_KEY_LENGTH);
  private readonly planes = counter();
  private readonly positions = new CharPositions();

  constructor(private readonly keys: readonly string[]) {
    const { gramId } = this;
    const numbered = (gram: string) => {
      let id = gramId.get(gram);
      if (id === undefined) gramId.set(gram, (id = gramId.size));
      return id;
    };
    // A name with a bigram twice has it as (gram, 0) and (gram, 1): a query's second repeat
    // finds only the names with at least two.
    const gramsOf = keys.map((key) => repeatedBigrams(key, numbered));
    this.bits = featureBits(keys.length, (s) => gramsOf[s]!);
  }

  within(key: string, ratio: number): number[] {
    const n = key.length;
    if (n < 2 || n > MAX_KEY_LENGTH) return [];
    const grams = bigramsOf(key);
    const edits = Math.floor(n * ratio);
    const needed = Math.max(1, n - 1 - 2 * edits);
    const ids = repeatedBigrams(key, (gram) => this.gramId.get(gram));
    const { bits, sets, planes } = this;
    const size = featureSets(bits, ids, sets);
    if (size < needed) return [];
    this.positions.learn(key);
    const found: number[] = [];
    for (let w = 0; w < bits.words; w++) {
      tally(bits, sets, size, w, planes, 0);
      let passing = atLeast(planes, needed, 0);
      while (passing !== 0) {
        const s = w * 32 + lowestBit(passing);
        passing &= passing - 1;
        if (closestPart(n, this.positions, this.keys[s]!) <= edits) found.push(s);
      }
    }
    // fuse.js's tie order: by the first of the query's bigrams the name has, then as given.
    const firstGram = (s: number) => grams.findIndex((gram) => this.keys[s]!.includes(gram));
    const first = new Map(found.map((s) => [s, firstGram(s)]));
    return found.sort((a, b) => first.get(a)! - first.get(b)! || a - b);
  }
}

/** @param keys the names, already normalised (as the matcher compacts them) */
export function createNamesInside(keys: readonly string[]): NamesInside {
  return new InsideIndex(keys);
}
