/*
 * The names within reach of a typo, found without scoring every name. The scores are exactly
 * those of scoring every name one by one (tests/core/matcher-equivalence.test.ts compares).
 *
 * A name's score is the lower of two: its edit distance to the query over the longer length,
 * and, for a name longer than the query, the distance of its start (as long as the query)
 * plus a penalty. Within reach is generous (45% of the query's length in edits), so even a
 * query nothing resembles is within reach of most short starts: a walk down a trie of the
 * names, which stops only when a start has used up the allowed edits, visited thousands of
 * starts per query with ten times the shipped dataset.
 *
 * So the characters come first. Each edit adds or removes at most one character, so a name
 * within e edits of a query of n characters shares at least max(n, its length) - e of them
 * (counted with repeats), and a start at least n - e. These counts are taken for 32 names
 * at once: the index keeps, per character (folded into 32 buckets) and per repeat, one bit
 * per name, and a query adds up its characters' bit sets in bit-sliced counters (each
 * counter bit plane a word). Names are ordered by length, so only the words of lengths
 * within reach are counted. What passes, a few dozen names, gets its exact distances, one
 * machine word per row of the distance table (the query has at most 32 characters), after
 * Myers and Hyyrö: a few word operations per character of the name.
 */

import {
  atLeast,
  between,
  counter,
  featureBits,
  featureSets,
  lowestBit,
  tally,
  type FeatureBits,
} from './feature-bits.js';

export interface Scored<T> {
  owner: T;
  score: number;
}

export interface CloseNamesOptions {
  /** Scores above this are dropped. */
  maxScore: number;
  /** Added to the score of a name's start. */
  prefixPenalty: number;
  /** Queries shorter than this are never compared with names' starts. */
  minPrefixLength: number;
}

/**
 * Whether the best owner alone is the answer, knowing the runner-up scores at least `second`.
 */
export type Decided<T> = (top: Scored<T>, second: number) => boolean;

export interface CloseNames<T> {
  /**
   * Best score per owner, at most `maxScore`, best first; ties keep the owners' order. Only
   * the first `wanted`; or only the best one when `decided` says it is the answer already.
   * The query has at most `MAX_QUERY_LENGTH` characters.
   */
  close(query: string, wanted?: number, decided?: Decided<T>): Scored<T>[];
  /** Indices of names starting with `prefix`, in the order the names were given. */
  startingWith(prefix: string): number[];
}

/** A row of the distance table is one 32-bit word: one bit per query character. */
export const MAX_QUERY_LENGTH = 32;
/** More than any distance: not measured. */
const FAR = 1 << 30;
/** Repeats of a character that the index tells apart; more count as this many. */
const MAX_REPEATS = 3;
/**
 * Start lengths whose characters are counted too: a query's start is counted as the
 * shortest of these at least as long, or as the whole name beyond the last.
 */
const START_LENGTHS = [4, 5, 6, 7, 8, 10, 12, 16];

/** Characters folded into 32 buckets: a to z apart, digits in pairs, every other together. */
function bucketOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 96;
  if (code >= 48 && code <= 57) return 27 + ((code - 48) % 5);
  return 0;
}

/**
 * The features counted for a text: one per character (in order), its bucket
 * and how many of that bucket came before (up to MAX_REPEATS; beyond, the last again). Two
 * texts share at least as many features as characters.
 */
export function characters(text: string): number[] {
  const seen = new Int32Array(32);
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const b = bucketOf(text.charCodeAt(i));
    out.push(b * MAX_REPEATS + Math.min(seen[b]!++, MAX_REPEATS - 1));
  }
  return out;
}

/**
 * @param keys the names, already normalised
 * @param owners what each name belongs to; one owner may have several names
 */
export function createCloseNames<T>(
  keys: readonly string[],
  owners: readonly T[],
  options: CloseNamesOptions,
): CloseNames<T> {
  return new NameIndex(keys, owners, options);
}

/*
 * A class, not closures: its methods' compiled code serves every index. Closures made anew
 * for each index (each dataset load) make V8 drop their optimised code and start over.
 */
class NameIndex<T> implements CloseNames<T> {
  private readonly maxScore: number;
  private readonly prefixPenalty: number;
  private readonly minPrefixLength: number;
  private readonly count: number;
  /** Owners numbered by first appearance: that is the order ties keep. */
  private readonly ownerList: T[] = [];
  /** Names in code-unit order (for startingWith), and their indices as given. */
  private readonly sorted: string[];
  private readonly order: number[];
  /** Names by length (for the counts): lengths, owners, the first of each length. */
  private readonly nameLength: Int32Array;
  /** All names' code units end to end (name s from nameAt[s]): no string to fetch per name. */
  private readonly units: Uint16Array;
  private readonly nameAt: Int32Array;
  private readonly nameOwner: Int32Array;
  private readonly lengthFrom: Int32Array;
  private readonly whole: FeatureBits;
  private readonly starts: FeatureBits[];

  // Per query scratch: best score per owner and which owners have one; the candidates (as
  // bits per word, then in a queue) and their exact distances; the query's features
  // and which of its characters each code unit is (bit i: character i).
  private readonly best: Float64Array;
  private readonly touched: number[] = [];
  private readonly wholeCount = counter();
  private readonly startCount = counter();
  private readonly groupBits = new Int32Array(32);
  private readonly groupLength = new Int32Array(32);
  private readonly near: Int32Array;
  private readonly far: Int32Array;
  private readonly queue: Int32Array;
  private readonly wholeDistance: Int32Array;
  private readonly startDistance: Int32Array;
  private readonly wholeSets = new Int32Array(MAX_QUERY_LENGTH);
  private readonly startSets = new Int32Array(MAX_QUERY_LENGTH);
  private readonly asciiAt = new Int32Array(128);
  private readonly otherAt = new Map<number, number>();

  constructor(keys: readonly string[], owners: readonly T[], options: CloseNamesOptions) {
    this.maxScore = options.maxScore;
    this.prefixPenalty = options.prefixPenalty;
    this.minPrefixLength = options.minPrefixLength;
    const count = (this.count = keys.length);
    const ownerIds = new Map<T, number>();
    const ownerOf = Int32Array.from(owners, (owner) => {
      let id = ownerIds.get(owner);
      if (id === undefined) {
        id = this.ownerList.length;
        ownerIds.set(owner, id);
        this.ownerList.push(owner);
      }
      return id;
    });
    this.order = Array.from({ length: count }, (_, i) => i).sort((a, b) =>
      keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b,
    );
    this.sorted = this.order.map((i) => keys[i]!);
    const byLength = Array.from({ length: count }, (_, i) => i).sort(
      (a, b) => keys[a]!.length - keys[b]!.length || a - b,
    );
    const names = byLength.map((i) => keys[i]!);
    // Lengths apart: reading them off the strings touches memory all over the heap.
    this.nameLength = Int32Array.from(names, (name) => name.length);
    this.nameAt = new Int32Array(count + 1);
    for (let s = 0; s < count; s++) this.nameAt[s + 1] = this.nameAt[s]! + names[s]!.length;
    this.units = new Uint16Array(this.nameAt[count]!);
    for (let s = 0; s < count; s++) {
      for (let i = 0; i < names[s]!.length; i++) {
        this.units[this.nameAt[s]! + i] = names[s]!.charCodeAt(i);
      }
    }
    this.nameOwner = Int32Array.from(byLength, (i) => ownerOf[i]!);
    const longest = count === 0 ? 0 : names[count - 1]!.length;
    this.lengthFrom = new Int32Array(longest + 2);
    for (let l = 0, s = 0; l <= longest + 1; l++) {
      while (s < count && names[s]!.length < l) s++;
      this.lengthFrom[l] = s;
    }
    // A start's features are the first of its name's (one per character). They are needed
    // only where names are longer than it; the words before hold names no longer.
    const features = names.map((name) => characters(name));
    this.whole = featureBits(count, (s) => features[s]!);
    this.starts = START_LENGTHS.map((cut) =>
      featureBits(count, (s) => features[s]!, this.firstOfLength(cut + 1) >>> 5, cut),
    );
    this.best = new Float64Array(this.ownerList.length).fill(Infinity);
    this.near = new Int32Array(Math.ceil(count / 32));
    this.far = new Int32Array(Math.ceil(count / 32));
    this.queue = new Int32Array(count);
    this.wholeDistance = new Int32Array(count);
    this.startDistance = new Int32Array(count);
  }

  close(query: string, wanted = Infinity, decided?: Decided<T>): Scored<T>[] {
    const n = query.length;
    if (n === 0) return [];
    this.learn(query);
    const { maxScore, prefixPenalty, best, ownerList, queue } = this;
    const max = Math.floor(n * maxScore);
    // The most edits a start may have and still score, after its penalty.
    let startMax = n < this.minPrefixLength ? -1 : max;
    while (startMax >= 0 && startMax / n + prefixPenalty > maxScore) startMax--;
    this.candidates(query, max, startMax);
    let queued = this.enqueue(this.near, 0);
    let measured = 0;
    let farQueued = false;
    // Few edits first: often that already settles the answer, and only the candidates whose
    // counts allow two edits at most need their distances.
    for (let edits = Math.min(1, max); ;) {
      const startEdits = Math.min(edits, startMax);
      if (edits > 2 && !farQueued) {
        queued = this.enqueue(this.far, queued);
        farQueued = true;
      }
      for (; measured < queued; measured++) this.measure(measured, n, max, startMax);
      for (let i = 0; i < measured; i++) {
        const owner = this.nameOwner[queue[i]!]!;
        const length = this.nameLength[queue[i]!]!;
        const whole = this.wholeDistance[i]!;
        const start = this.startDistance[i]!;
        if (whole <= edits) this.offer(owner, whole / Math.max(n, length));
        if (length > n && start <= startEdits) this.offer(owner, start / n + prefixPenalty);
      }
      const list = this.ranked();
      if (edits === max) return this.finish(list.slice(0, wanted));
      // Whatever was not offered has more edits, so scores at least this.
      const more = edits + 1;
      const unseen = Math.min(
        more / (n + more),
        more <= startMax ? more / n + prefixPenalty : Infinity,
      );
      let settled = 0;
      while (settled < list.length && best[list[settled]!]! < unseen) settled++;
      if (settled >= wanted) return this.finish(list.slice(0, wanted));
      if (decided && settled >= 1) {
        const top = { owner: ownerList[list[0]!]!, score: best[list[0]!]! };
        const second = list.length > 1 ? Math.min(best[list[1]!]!, unseen) : unseen;
        if (decided(top, second)) return this.finish(list.slice(0, 1));
      }
      edits = list.length === 0 && edits >= 2 ? max : edits + 1;
      this.finish([]);
    }
  }

  startingWith(prefix: string): number[] {
    const { sorted, count } = this;
    // The first sorted name not below `prefix`; the names starting with it follow.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let s = lo; s < count && sorted[s]!.startsWith(prefix); s++) out.push(this.order[s]!);
    return out.sort((a, b) => a - b);
  }

  /** The first name (by length) at least `l` long. */
  private firstOfLength(l: number): number {
    const longest = this.lengthFrom.length - 2;
    return l <= 0 ? 0 : l > longest ? this.count : this.lengthFrom[l]!;
  }

  private offer(owner: number, score: number): void {
    if (score > this.maxScore) return;
    if (this.best[owner] === Infinity) this.touched.push(owner);
    if (score < this.best[owner]!) this.best[owner] = score;
  }

  private learn(query: string): void {
    if (query.length > MAX_QUERY_LENGTH) {
      throw new RangeError(`close names: queries of at most ${MAX_QUERY_LENGTH} characters`);
    }
    const { asciiAt, otherAt } = this;
    asciiAt.fill(0);
    otherAt.clear();
    for (let i = 0; i < query.length; i++) {
      const code = query.charCodeAt(i);
      if (code < 128) asciiAt[code]! |= 1 << i;
      else otherAt.set(code, (otherAt.get(code) ?? 0) | (1 << i));
    }
  }

  /**
   * Marks, per word of names, the names whose character counts allow a whole distance up to
   * `max` or a start distance up to `startMax`: in `near` those allowing at most two edits
   * (typos mostly end there), in `far` the others.
   */
  private candidates(query: string, max: number, startMax: number): void {
    const { count, whole, wholeCount, startCount, near, far, groupBits, groupLength } = this;
    const n = query.length;
    const wholeFrom = this.firstOfLength(n - max);
    const wholeTo = this.firstOfLength(n + max + 1);
    const startFrom = startMax < 0 ? count : this.firstOfLength(n + 1);
    const step = START_LENGTHS.findIndex((cut) => cut >= n);
    const start = step === -1 ? whole : this.starts[step]!;
    const features = characters(query);
    const wholeSize = featureSets(whole, features, this.wholeSets);
    const startSize = featureSets(start, features, this.startSets);
    const early = Math.min(2, max);
    near.fill(0);
    far.fill(0);
    const lastWord = (Math.max(wholeTo, startFrom < count ? count : 0) + 31) >>> 5;
    for (let w = Math.min(wholeFrom, startFrom) >>> 5; w < lastWord; w++) {
      const wholeBits = between(w, wholeFrom, wholeTo);
      const startBits = between(w, startFrom, count);
      if ((wholeBits | startBits) === 0) continue;
      // A start is counted on its own where the index has its counts, else as its name.
      const own = startBits !== 0 && w >= start.fromWord && start !== whole;
      if (wholeBits !== 0 || (startBits !== 0 && !own)) {
        tally(whole, this.wholeSets, wholeSize, w, wholeCount);
      }
      if (own) tally(start, this.startSets, startSize, w, startCount);
      const startCounts = own ? startCount : wholeCount;
      // The word's whole names by length: one length, or a few.
      let groups = 0;
      for (let rest = wholeBits; rest !== 0; groups++) {
        const length = this.nameLength[w * 32 + lowestBit(rest)]!;
        const same = rest & between(w, this.firstOfLength(length), this.firstOfLength(length + 1));
        groupBits[groups] = same;
        groupLength[groups] = length;
        rest &= ~same;
      }
      // Most words have no name within reach at all; those that do, few.
      const late = this.within(groups, startBits, startCounts, n, max, startMax);
      const soon =
        late === 0 ? 0 : late & this.within(groups, startBits, startCounts, n, early, startMax);
      near[w] = soon;
      far[w] = late & ~soon;
    }
  }

  /**
   * The names of the current word whose counts allow `edits` edits: a whole name shares at
   * least max(n, its length) - edits characters, a start n - min(edits, startMax). The
   * word's whole names are `groups` groups of one length (groupBits, groupLength).
   */
  private within(
    groups: number,
    startBits: number,
    startCounts: Int32Array,
    n: number,
    edits: number,
    startMax: number,
  ): number {
    const startEdits = Math.min(edits, startMax);
    let out = startEdits < 0 ? 0 : startBits & atLeast(startCounts, n - startEdits);
    for (let g = 0; g < groups; g++) {
      const least = Math.max(n, this.groupLength[g]!) - edits;
      out |= this.groupBits[g]! & atLeast(this.wholeCount, least);
    }
    return out;
  }

  /** Appends the names marked in `marks` to `queue` after the first `queued`; how many now. */
  private enqueue(marks: Int32Array, queued: number): number {
    for (let w = 0; w < marks.length; w++) {
      for (let bits = marks[w]!; bits !== 0; bits &= bits - 1) {
        this.queue[queued++] = w * 32 + lowestBit(bits);
      }
    }
    return queued;
  }

  /**
   * The optimal-string-alignment distances of the query to the name at queue position `i`,
   * whole (if within `max`) and of its start (if within `startMax`); FAR otherwise.
   *
   * Row d of the table (the name's first d characters against every start of the query) is
   * kept as bits, after Myers and Hyyrö: bit i - 1 of `up` (`down`) says cell i is one more
   * (less) than cell i - 1, and of `d0` that cell i equals its upper-left neighbour. Values
   * never decrease along a diagonal, and the distances sit at the end of two: the start's
   * (cell d of row d) and the whole name's (ending at cell n of the last row). Following just
   * those two, one bit of `d0` per row each, tells when neither can still be within reach.
   */
  private measure(i: number, n: number, max: number, startMax: number): void {
    const { asciiAt, otherAt } = this;
    const { units } = this;
    const s = this.queue[i]!;
    const at = this.nameAt[s]! - 1;
    const length = this.nameLength[s]!;
    const wantWhole = Math.abs(length - n) <= max;
    let wantStart = length > n && startMax >= 0;
    // The whole name's diagonal holds cell d - shift of row d: from cell shift of row 0 when
    // the name is shorter, else from cell 0 of row shift.
    const shift = length - n;
    let whole = shift < 0 ? -shift : shift;
    let start = 0;
    let up = n === 32 ? -1 : (1 << n) - 1;
    let down = 0;
    let diagonal = 0;
    let matched = 0;
    this.wholeDistance[i] = FAR;
    this.startDistance[i] = FAR;
    const rows = wantWhole ? length : n;
    for (let d = 1; d <= rows; d++) {
      const c = units[at + d]!;
      const eq = c < 128 ? asciiAt[c]! : (otherAt.get(c) ?? 0);
      // Cells equal to their upper-left neighbour: a match, or (Hyyrö) a transposition.
      const swap = ((~diagonal & eq) << 1) & matched;
      const d0 = ((((eq & up) + up) | 0) ^ up) | eq | down | swap;
      const hp = down | ~(d0 | up);
      const hn = up & d0;
      const right = (hp << 1) | 1;
      up = (hn << 1) | ~(d0 | right);
      down = right & d0;
      diagonal = d0;
      matched = eq;
      if (wantStart) {
        start += 1 - ((d0 >>> (d - 1)) & 1);
        if (start > startMax) wantStart = false;
        else if (d === n) {
          this.startDistance[i] = start;
          wantStart = false;
        }
      }
      if (d > shift) whole += 1 - ((d0 >>> (d - shift - 1)) & 1);
      if (!wantStart && (!wantWhole || whole > max)) return;
    }
    if (wantWhole) this.wholeDistance[i] = whole;
  }

  /** Owners found so far, best first. */
  private ranked(): number[] {
    const { best } = this;
    return this.touched.sort((a, b) => best[a]! - best[b]! || a - b);
  }

  /** The owners `list` with their scores; clears the scratch for the next query. */
  private finish(list: number[]): Scored<T>[] {
    const out = list.map((o) => ({ owner: this.ownerList[o]!, score: this.best[o]! }));
    for (const o of this.touched) this.best[o] = Infinity;
    this.touched.length = 0;
    return out;
  }
}
