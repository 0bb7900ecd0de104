/*
 * How many of a query's features (characters, bigrams: small integers) each name has, for
 * thousands of names at once. Per feature the index keeps one bit per name, 32 names a word;
 * a query adds up its features' bit sets in a bit-sliced counter (plane k holds bit k of
 * every name's count), so one pass of a few word operations per feature counts 32 names.
 * Filters need only the names whose count reaches a threshold, usually a handful.
 */

/** Bit planes of a counter: counts up to 63. */
export const PLANES = 6;
const MAX_FEATURES = 63;

export interface FeatureBits {
  /** Names covered: from word `fromWord` on (name s is bit s % 32 of word s >> 5). */
  fromWord: number;
  words: number;
  /** Offset in `bits` of each feature's set; features no name has are absent. */
  offset: Map<number, number>;
  bits: Int32Array;
}

/**
 * @param count how many names
 * @param featuresOf the features of name s (repeats are harmless)
 * @param fromWord names before word `fromWord` are left out
 * @param limit only the first `limit` features of each name count
 */
export function featureBits(
  count: number,
  featuresOf: (s: number) => readonly number[] | Iterable<number>,
  fromWord = 0,
  limit = Infinity,
): FeatureBits {
  const words = Math.max(0, Math.ceil(count / 32) - fromWord);
  const sets = new Map<number, Int32Array>();
  for (let s = fromWord * 32; s < count; s++) {
    let taken = 0;
    for (const feature of featuresOf(s)) {
      if (taken++ >= limit) break;
      let set = sets.get(feature);
      if (!set) sets.set(feature, (set = new Int32Array(words)));
      set[(s >>> 5) - fromWord]! |= 1 << (s & 31);
    }
  }
  const offset = new Map<number, number>();
  const bits = new Int32Array(sets.size * words);
  for (const [feature, set] of sets) {
    const at = offset.size * words;
    offset.set(feature, at);
    bits.set(set, at);
  }
  return { fromWord, words, offset, bits };
}

/** The offsets of `features`' sets, into `out` (features no name has count for none). */
export function featureSets(index: FeatureBits, features: Iterable<number>, out: Int32Array) {
  let size = 0;
  for (const feature of features) {
    const at = index.offset.get(feature);
    if (at === undefined) continue;
    if (size === MAX_FEATURES) throw new RangeError('feature bits: too many features');
    out[size++] = at;
  }
  return size;
}

/**
 * Counts, for the names of word `w`, how many of the sets at `sets` (the first `size`) hold
 * them, into `planes` from `to` on (PLANES words): a bit-sliced counter.
 */
export function tally(
  index: FeatureBits,
  sets: Int32Array,
  size: number,
  w: number,
  planes: Int32Array,
  to: number,
): void {
  const { bits } = index;
  const at = w - index.fromWord;
  if (size < 8) {
    // Counts up to 7: three planes.
    let q0 = 0;
    let q1 = 0;
    let q2 = 0;
    for (let t = 0; t < size; t++) {
      const x = bits[sets[t]! + at]!;
      const c0 = q0 & x;
      q0 ^= x;
      q2 ^= q1 & c0;
      q1 ^= c0;
    }
    planes[to] = q0;
    planes[to + 1] = q1;
    planes[to + 2] = q2;
    planes[to + 3] = 0;
    planes[to + 4] = 0;
    planes[to + 5] = 0;
    return;
  }
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  let p5 = 0;
  for (let t = 0; t < size; t++) {
    let carry = bits[sets[t]! + at]!;
    let next = p0 & carry;
    p0 ^= carry;
    carry = next;
    next = p1 & carry;
    p1 ^= carry;
    carry = next;
    next = p2 & carry;
    p2 ^= carry;
    carry = next;
    next = p3 & carry;
    p3 ^= carry;
    carry = next;
    next = p4 & carry;
    p4 ^= carry;
    p5 ^= next;
  }
  planes[to] = p0;
  planes[to + 1] = p1;
  planes[to + 2] = p2;
  planes[to + 3] = p3;
  planes[to + 4] = p4;
  planes[to + 5] = p5;
}

export function counter(): Int32Array {
  return new Int32Array(PLANES);
}

/** Bits whose count (the counter at `at` in `planes`) is at least `least`. */
export function atLeast(planes: Int32Array, least: number, at: number): number {
  if (least <= 0) return -1;
  if (least > MAX_FEATURES) return 0;
  let greater = 0;
  let equal = -1;
  for (let k = PLANES - 1; k >= 0; k--) {
    const plane = planes[at + k]!;
    if (((least - 1) >>> k) & 1) equal &= plane;
    else {
      greater |= equal & plane;
      equal &= ~plane;
    }
  }
  return greater;
}

/** The bits of word `w` for names `from` to `to` - 1. */
export function between(w: number, from: number, to: number): number {
  const lo = Math.max(from - w * 32, 0);
  const hi = Math.min(to - w * 32, 32);
  if (lo >= hi) return 0;
  return (hi === 32 ? -1 : (1 << hi) - 1) & ~((1 << lo) - 1);
}

/** The lowest set bit's index. */
export function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}
