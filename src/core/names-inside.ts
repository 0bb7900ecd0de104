/*
 * Names inside names ("arena" in "chatbotarena"): the names fuse.js lists for a key among
 * the names sharing enough of its bigrams, which is how the matcher always asked fuse.js
 * (tests/core/matcher-reference.ts keeps that), with the same scores in the same order.
 *
 * fuse.js itself is not asked any more: per query it built an index and a searcher, and,
 * called only for keys nothing is close to, it never got optimised by the JIT (100 to 300 µs
 * for two names). Instead the names that could be listed are found 32 at a time
 * (feature-bits.ts), and fuse-score.ts works out fuse.js's score for those few. A name can be
 * listed only if a stretch of it is within k edits of the key (k: the threshold times the
 * key's length), so it
 * - shares at least (n - 1) - 2k of the key's n - 1 bigrams (the q-gram lemma; the only names
 *   fuse.js was handed),
 * - shares at least n - k of the key's characters (each edit removes at most one),
 * - holds one of k + 1 pieces of the key untouched (each edit touches one piece at most), so
 *   all of that piece's bigrams,
 * - and is at least n - k long.
 */
import { characters } from './close-names.js';
import {
  counter,
  featureBits,
  featureSets,
  reaching,
  type FeatureBits,
  type Pieces,
  type Reach,
} from './feature-bits.js';
import { FuseScore, MAX_FUSE_PATTERN, type FuseScoreOptions } from './fuse-score.js';

export interface Inside {
  /** The name's index, in the order the names were given. */
  index: number;
  /** fuse.js's score: lower is better. */
  score: number;
}

/** A text's distinct bigrams, as numbers (two UTF-16 units), in the order they first occur. */
function bigramsOf(text: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 2 <= text.length; i++) {
    out.add(text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1));
  }
  return out;
}

/*
 * A class, not closures: its methods' compiled code serves every index (each dataset load).
 */
export class NamesInside {
  private readonly keys: readonly string[];
  private readonly threshold: number;
  /** The names by length (so that those too short to hold a key are never counted). */
  private readonly byLength: number[];
  /** The first name (by length) at least l long, at l. */
  private readonly firstOfLength: number[] = [];
  private readonly byBigram: Reach;
  private readonly byCharacter: Reach;
  private readonly pieces: Pieces;
  private readonly found: Int32Array;
  private readonly fuse: FuseScore;

  constructor(keys: readonly string[], options: FuseScoreOptions) {
    this.keys = keys;
    this.threshold = options.threshold;
    this.byLength = keys
      .map((_, i) => i)
      .sort((a, b) => keys[a]!.length - keys[b]!.length || a - b);
    this.byLength.forEach((i, s) => {
      for (let l = keys[i]!.length; l >= 0 && this.firstOfLength[l] === undefined; l--) {
        this.firstOfLength[l] = s;
      }
    });
    const named = (of: (key: string) => Iterable<number>): Reach => ({
      index: featureBits(keys.length, (s) => of(keys[this.byLength[s]!]!)),
      sets: new Int32Array(MAX_FUSE_PATTERN),
      size: 0,
      least: 0,
      planes: counter(),
    });
    this.byCharacter = named(characters);
    this.byBigram = named(bigramsOf);
    this.pieces = {
      index: this.byBigram.index,
      sets: new Int32Array(MAX_FUSE_PATTERN),
      starts: new Int32Array(MAX_FUSE_PATTERN + 1),
      count: 0,
    };
    this.found = new Int32Array(keys.length);
    this.fuse = new FuseScore(options);
  }

  /** The names fuse.js lists for `key` (at most 32 characters), its first `limit`. */
  find(key: string, limit: number): Inside[] {
    const { keys, byBigram, byCharacter } = this;
    const edits = Math.floor(key.length * this.threshold);
    const grams = [...bigramsOf(key)];
    byBigram.size = featureSets(byBigram.index, grams, byBigram.sets);
    byBigram.least = Math.max(1, key.length - 1 - 2 * edits);
    byCharacter.size = featureSets(byCharacter.index, characters(key), byCharacter.sets);
    byCharacter.least = key.length - edits;
    this.cut(key, edits);
    const shortest = this.firstOfLength[key.length - edits] ?? keys.length;
    const count = reaching([byCharacter, byBigram], this.pieces, shortest, keys.length, this.found);
    const fuse = this.fuse.search(key);
    const hits: (Inside & { firstGram: number })[] = [];
    for (let i = 0; i < count; i++) {
      const index = this.byLength[this.found[i]!]!;
      const score = fuse.of(keys[index]!);
      if (score === undefined) continue;
      const named = bigramsOf(keys[index]!);
      hits.push({ index, score, firstGram: grams.findIndex((g) => named.has(g)) });
    }
    // fuse.js's order: by score, then as it was handed the names: by the first of the key's
    // bigrams they share, then as given.
    hits.sort((a, b) => a.score - b.score || a.firstGram - b.firstGram || a.index - b.index);
    return hits.slice(0, limit).map(({ index, score }) => ({ index, score }));
  }

  /** Cuts the key in edits + 1 pieces; a piece with a bigram no name has is left out. */
  private cut(key: string, edits: number): void {
    const { pieces } = this;
    const index: FeatureBits = pieces.index;
    let at = 0;
    pieces.count = 0;
    pieces.starts[0] = 0;
    for (let p = 0; p <= edits; p++) {
      const from = Math.floor((p * key.length) / (edits + 1));
      const to = Math.floor(((p + 1) * key.length) / (edits + 1));
      const start = at;
      let whole = true;
      for (let i = from; i + 1 < to; i++) {
        const set = index.offset.get(key.charCodeAt(i) * 0x10000 + key.charCodeAt(i + 1));
        if (set === undefined) whole = false;
        else pieces.sets[at++] = set;
      }
      if (!whole) at = start;
      else pieces.starts[++pieces.count] = at;
    }
  }
}
