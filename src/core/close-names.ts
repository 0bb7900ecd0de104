import { editDistance } from './edit-distance.js';

/*
 * The names within reach of a typo, found without scoring every name: what used to cost
 * milliseconds per new query with ~19,000 names costs microseconds. The scores are exactly
 * those of scoring every name (tests/core/matcher-equivalence.test.ts compares them).
 *
 * A name's score is the lower of two: its whole length against the query, and, for a longer
 * name, its start (as long as the query) against the query plus a penalty. Each part has its
 * own index:
 * - whole names by length: an edit changes the length by at most one, so only names whose
 *   length differs by at most the allowed edits can score;
 * - the distinct starts of every length: names that start alike ("kaminet", "kaminet cloud")
 *   share one comparison, and only starts as long as the query are compared at all.
 * Both skip most candidates on a 32-bit letter mask before the edit distance.
 */

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
  /** Longest query ever asked about (longer starts are not indexed). */
  maxQueryLength: number;
}

export interface CloseNames<T> {
  /** Best score per owner at most `maxScore`, best first; ties in the owners' order. */
  close(query: string): Scored<T>[];
  /** Indices of names starting with `prefix`, in the order the names were given. */
  startingWith(prefix: string): number[];
}

export function maskOf(text: string, length = text.length): number {
  let mask = 0;
  for (let i = 0; i < length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Each edit adds or removes at most one distinct character, so the characters one string has
 * and the other lacks bound the edit distance from below. Checking that bound first skips the
 * full comparison for most names. (Folding into 32 bits only ever lowers the bound.)
 */
export function lettersMissing(a: number, b: number): number {
  return Math.max(bitCount(a & ~b), bitCount(b & ~a));
}

/** The distinct starts of one length: runs of the names in sorted order. */
interface Starts {
  /** Per start: its first and one-past-last position in `sorted`. */
  from: Int32Array;
  to: Int32Array;
  /** Per start: a name that has it (longer than the start). */
  name: Int32Array;
  mask: Int32Array;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
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
  const { maxScore, prefixPenalty, minPrefixLength, maxQueryLength } = options;
  const count = keys.length;

  // Owners numbered by first appearance: that is the order ties keep.
  const ownerIds = new Map<T, number>();
  const ownerOf = new Int32Array(count);
  const ownerList: T[] = [];
  for (let i = 0; i < count; i++) {
    let id = ownerIds.get(owners[i]!);
    if (id === undefined) {
      id = ownerList.length;
      ownerIds.set(owners[i]!, id);
      ownerList.push(owners[i]!);
    }
    ownerOf[i] = id;
  }

  const masks = new Int32Array(count);
  const lengths = new Int32Array(count);
  let longest = 0;
  for (let i = 0; i < count; i++) {
    masks[i] = maskOf(keys[i]!);
    lengths[i] = keys[i]!.length;
    longest = Math.max(longest, lengths[i]!);
  }

  // Names by length (counting sort): byLength[lengthStart[n] .. lengthStart[n + 1]) have length n.
  const lengthStart = new Int32Array(longest + 2);
  for (let i = 0; i < count; i++) lengthStart[lengths[i]! + 1]!++;
  for (let n = 1; n < lengthStart.length; n++) lengthStart[n]! += lengthStart[n - 1]!;
  const byLength = new Int32Array(count);
  const fill = lengthStart.slice();
  for (let i = 0; i < count; i++) byLength[fill[lengths[i]!]!++] = i;

  // Names in code-unit order, with how much each shares with the one before.
  const sorted = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) =>
    keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b,
  );
  const shared = new Int32Array(count);
  for (let s = 1; s < count; s++) shared[s] = commonPrefix(keys[sorted[s - 1]!]!, keys[sorted[s]!]!);

  const starts = new Map<number, Starts>();
  function startsOf(length: number): Starts {
    const from: number[] = [];
    const to: number[] = [];
    const name: number[] = [];
    for (let s = 0; s < count; ) {
      let end = s + 1;
      while (end < count && shared[end]! >= length) end++;
      // Only the run's first name can be exactly the start (or shorter): it sorts first.
      let longer = false;
      for (let r = s; r < end && !longer; r++) longer = lengths[sorted[r]!]! > length;
      if (longer) {
        from.push(s);
        to.push(end);
        name.push(sorted[end - 1]!);
      }
      s = end;
    }
    return {
      from: Int32Array.from(from),
      to: Int32Array.from(to),
      name: Int32Array.from(name),
      mask: Int32Array.from(name, (i) => maskOf(keys[i]!, length)),
    };
  }
  for (let n = minPrefixLength; n <= Math.min(maxQueryLength, longest - 1); n++) {
    starts.set(n, startsOf(n));
  }
  function startsFor(length: number): Starts {
    let index = starts.get(length);
    if (!index) starts.set(length, (index = startsOf(length)));
    return index;
  }

  // Per query scratch: best score per owner, and which owners were touched.
  const best = new Float64Array(ownerList.length).fill(Infinity);
  const touched: number[] = [];
  function offer(owner: number, score: number): void {
    if (score > maxScore) return;
    if (best[owner] === Infinity) touched.push(owner);
    if (score < best[owner]!) best[owner] = score;
  }

  function wholeNames(query: string, mask: number, max: number): void {
    const n = query.length;
    const low = Math.max(0, n - max);
    const high = Math.min(longest, n + max);
    for (let k = lengthStart[low]!, end = lengthStart[high + 1]!; k < end; k++) {
      const i = byLength[k]!;
      if (lettersMissing(mask, masks[i]!) > max) continue;
      const d = editDistance(query, keys[i]!, max);
      if (d > max) continue;
      offer(ownerOf[i]!, d / Math.max(n, lengths[i]!));
    }
  }

  function nameStarts(query: string, mask: number, max: number): void {
    const n = query.length;
    if (n < minPrefixLength || n >= longest) return;
    const index = startsFor(n);
    // The most edits a start may have and still score: fewer than `max`, for the penalty.
    let edits = max;
    while (edits >= 0 && edits / n + prefixPenalty > maxScore) edits--;
    if (edits < 0) return;
    for (let g = 0; g < index.name.length; g++) {
      if (lettersMissing(mask, index.mask[g]!) > edits) continue;
      const d = editDistance(query, keys[index.name[g]!]!, edits, n);
      if (d > edits) continue;
      const score = d / n + prefixPenalty;
      for (let s = index.from[g]!, end = index.to[g]!; s < end; s++) {
        const i = sorted[s]!;
        if (lengths[i]! > n) offer(ownerOf[i]!, score);
      }
    }
  }

  function close(query: string): Scored<T>[] {
    const mask = maskOf(query);
    const max = Math.floor(query.length * maxScore);
    wholeNames(query, mask, max);
    nameStarts(query, mask, max);
    touched.sort((a, b) => best[a]! - best[b]! || a - b);
    const out = touched.map((o) => ({ owner: ownerList[o]!, score: best[o]! }));
    for (const o of touched) best[o] = Infinity;
    touched.length = 0;
    return out;
  }

  function startingWith(prefix: string): number[] {
    // The first sorted name not below `prefix`; names starting with it follow it.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let s = lo; s < count && keys[sorted[s]!]!.startsWith(prefix); s++) out.push(sorted[s]!);
    return out.sort((a, b) => a - b);
  }

  return { close, startingWith };
}
