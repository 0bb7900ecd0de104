/*
 * The names within reach of a typo, found without scoring every name. The scores are exactly
 * those of scoring every name one by one (tests/core/matcher-equivalence.test.ts compares).
 *
 * A name's score is the lower of two: its edit distance to the query over the longer length,
 * and, for a name longer than the query, the distance of its start (as long as the query)
 * plus a penalty. Scores up to maxScore count, so a query of n characters reaches names up to
 * floor(n * maxScore) edits away (max), and starts up to fewer (startMax, for the penalty).
 *
 * Reach is generous (45% of the query): a walk down a trie of the names, stopping only where
 * a start had used up its edits, still visited most of the short starts of every name (some
 * 30,000 with ten times the shipped dataset) for a query nothing resembles. So characters
 * come first. Each edit adds or removes at most one character, so a name within e edits
 * shares at least max(n, its length) - e of the query's characters (counted with repeats),
 * and a start n - e. Those counts are taken 32 names at a time (feature-bits.ts: one bit per
 * name per character and repeat, added up in bit-sliced counters), only over the names of
 * lengths in reach, names being kept in length order; the few names that pass get their exact
 * distances, one machine word per row of the distance table (after Myers and Hyyrö; the
 * query has at most 32 characters), each stopped once it cannot end within reach.
 *
 * Few edits first, as before: names whose counts allow two edits are measured at once, and
 * often settle the answer; the others only when the search goes on.
 */

import { CharPositions } from './char-positions.js';
import {
  atLeast,
  between,
  counter,
  PLANES,
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
/** A kept word of names: the word, its names measured whole, by their start, two counters. */
const KEPT = 3 + 2 * PLANES;
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
function characters(text: string): number[] {
  // A plain array: a typed array per call costs an allocation outside the heap, and right
  // after a full garbage collection those wait for it to finish its sweeping.
  const seen: number[] = Array<number>(32).fill(0);
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
  /**
   * Each word's names by length (runs, names being in length order): runs firstRun[w] to
   * firstRun[w + 1] - 1, each the bits of its names (runBits) and their length (runLength).
   */
  private readonly firstRun: Int32Array;
  private readonly runBits: Int32Array;
  private readonly runLength: Int32Array;
  private readonly whole: FeatureBits;
  private readonly starts: FeatureBits[];

  // Per query scratch: best score per owner and which owners have one; the candidates (as
  // bits per word, then in a queue) and their exact distances; the query's features
  // and which of its characters each code unit is (bit i: character i).
  private readonly best: Float64Array;
  private readonly touched: number[] = [];
  private readonly wholeCount = counter();
  private readonly startCount = counter();
  private readonly kept: Int32Array;
  private records = 0;
  /** Per record, its names within reach at all, and those already queued. */
  private readonly late: Int32Array;
  private readonly queued: Int32Array;
  private readonly queue: Int32Array;
  private readonly wholeDistance: Int32Array;
  private readonly startDistance: Int32Array;
  private readonly wholeSets = new Int32Array(MAX_QUERY_LENGTH);
  private readonly startSets = new Int32Array(MAX_QUERY_LENGTH);
  private readonly positions = new CharPositions();

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
    const words = Math.ceil(count / 32);
    this.firstRun = new Int32Array(words + 1);
    const runBits: number[] = [];
    const runLength: number[] = [];
    for (let s = 0; s < count; s++) {
      const w = s >>> 5;
      if ((s & 31) === 0 || this.nameLength[s] !== this.nameLength[s - 1]) {
        runBits.push(0);
        runLength.push(this.nameLength[s]!);
      }
      runBits[runBits.length - 1]! |= 1 << (s & 31);
      this.firstRun[w + 1] = runBits.length;
    }
    this.runBits = Int32Array.from(runBits);
    this.runLength = Int32Array.from(runLength);
    // A start's features are the first of its name's (one per character). They are needed
    // only where names are longer than it; the words before hold names no longer.
    const features = names.map((name) => characters(name));
    this.whole = featureBits(count, (s) => features[s]!);
    this.starts = START_LENGTHS.map((cut) =>
      featureBits(count, (s) => features[s]!, this.firstOfLength(cut + 1) >>> 5, cut),
    );
    this.best = new Float64Array(this.ownerList.length).fill(Infinity);
    this.kept = new Int32Array(Math.ceil(count / 32) * KEPT);
    this.late = new Int32Array(Math.ceil(count / 32));
    this.queued = new Int32Array(Math.ceil(count / 32));
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
    let queued = this.candidates(query, max, startMax);
    let measured = 0;
    // Few edits first: often that already settles the answer, and only the candidates whose
    // counts allow so few edits need their distances (those allowing two are queued at once).
    for (let edits = Math.min(1, max); ;) {
      const startEdits = Math.min(edits, startMax);
      if (edits > 2) queued = this.enqueue(n, edits, max, startMax, queued);
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
    this.positions.learn(query);
  }

  /**
   * Counts the characters each name shares with the query. Queues the names whose counts
   * allow two edits (whole, or of the start within `startMax`); of the words of names where
   * some name's counts allow `max` edits only, keeps a record for later (see enqueue): the
   * word, its names measured whole and by their start, where its start counter is, its
   * whole counter, its start counter (KEPT numbers in `kept`). Returns how many are queued.
   */
  private candidates(query: string, max: number, startMax: number): number {
    const { count, whole, kept, wholeCount, startCount, queue } = this;
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
    let queued = 0;
    let records = 0;
    const lastWord = (Math.max(wholeTo, startFrom < count ? count : 0) + 31) >>> 5;
    for (let w = Math.min(wholeFrom, startFrom) >>> 5; w < lastWord; w++) {
      const wholeBits = between(w, wholeFrom, wholeTo);
      const startBits = between(w, startFrom, count);
      if ((wholeBits | startBits) === 0) continue;
      // A start is counted on its own where the index has its counts, else as its name.
      const own = startBits !== 0 && w >= start.fromWord && start !== whole;
      if (wholeBits !== 0 || (startBits !== 0 && !own)) {
        tally(whole, this.wholeSets, wholeSize, w, wholeCount, 0);
      }
      if (own) tally(start, this.startSets, startSize, w, startCount, 0);
      const starts = own ? startCount : wholeCount;
      // Most words have no name within reach at all; those that do, few.
      const late = this.within(w, wholeBits, wholeCount, 0, startBits, starts, 0, n, max, startMax);
      if (late === 0) continue;
      let soon =
        late & this.within(w, wholeBits, wholeCount, 0, startBits, starts, 0, n, early, startMax);
      if (late !== soon) {
        const at = records * KEPT;
        kept[at] = w;
        kept[at + 1] = wholeBits;
        kept[at + 2] = startBits;
        kept.set(wholeCount, at + 3);
        kept.set(starts, at + 3 + PLANES);
        this.late[records] = late;
        this.queued[records++] = soon;
      }
      for (; soon !== 0; soon &= soon - 1) queue[queued++] = w * 32 + lowestBit(soon);
    }
    this.records = records;
    return queued;
  }

  /**
   * The names of word `w` whose counts allow `edits` edits: a whole name (of `wholeBits`)
   * shares at least max(n, its length) - edits characters, by the counter at `wholeAt` in
   * `wholes` (a word's names have one length, or a few); a start (of `startBits`) n -
   * min(edits, startMax), by the counter at `startAt` in `starts`.
   */
  private within(
    w: number,
    wholeBits: number,
    wholes: Int32Array,
    wholeAt: number,
    startBits: number,
    starts: Int32Array,
    startAt: number,
    n: number,
    edits: number,
    startMax: number,
  ): number {
    const { runBits, runLength, firstRun } = this;
    const startEdits = Math.min(edits, startMax);
    let out = startEdits < 0 ? 0 : startBits & atLeast(starts, n - startEdits, startAt);
    for (let run = firstRun[w]!; run < firstRun[w + 1]!; run++) {
      const same = wholeBits & runBits[run]!;
      if (same !== 0) out |= same & atLeast(wholes, Math.max(n, runLength[run]!) - edits, wholeAt);
    }
    return out;
  }

  /**
   * Appends to `queue`, after the first `size`, the names of the kept words whose counts
   * allow `edits` edits and that are not queued yet; returns how many are queued now.
   */
  private enqueue(n: number, edits: number, max: number, startMax: number, size: number): number {
    const { kept } = this;
    let queued = size;
    for (let r = 0; r < this.records; r++) {
      const left = this.late[r]! & ~this.queued[r]!;
      if (left === 0) continue;
      const at = r * KEPT;
      const w = kept[at]!;
      // All that is left allows max edits.
      let fresh =
        edits >= max
          ? left
          : left &
            this.within(
              w,
              kept[at + 1]!,
              kept,
              at + 3,
              kept[at + 2]!,
              kept,
              at + 3 + PLANES,
              n,
              edits,
              startMax,
            );
      this.queued[r]! |= fresh;
      for (; fresh !== 0; fresh &= fresh - 1) this.queue[queued++] = w * 32 + lowestBit(fresh);
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
    const { positions, units } = this;
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
      const eq = positions.of(c);
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
