/*
 * The score fuse.js 7 gives a text for a pattern (lower is better), computed as fuse.js
 * computes it for the options the matcher used with it: one key, ignoreLocation, a threshold,
 * minMatchCharLength. A copy of its bitap search (src/search/bitap/search.ts), reduced to
 * those options, because the matcher needs this score for a handful of names per query, and
 * fuse.js, called that rarely, never got optimised by the JIT: building its index and searcher
 * for two names cost 100 to 300 µs. tests/core/fuse-score.test.ts checks it against fuse.js,
 * which stays the reference (tests/core/matcher-reference.ts).
 */

export interface FuseScoreOptions {
  /** fuse.js `threshold`: errors over the pattern's length. */
  threshold: number;
  /** fuse.js `minMatchCharLength`. */
  minMatchCharLength: number;
}

/** fuse.js splits longer patterns into pieces; the matcher never sends one. */
export const MAX_FUSE_PATTERN = 32;

/**
 * fuse.js's score of texts for a pattern: `of(text)` is the score, or undefined when fuse.js
 * would not list the text. The score is the fewest errors (Levenshtein) of a stretch of the
 * text matching the pattern over the pattern's length, at least 0.001; a text equal to the
 * pattern scores Number.EPSILON. (A class: its compiled code serves every pattern.)
 */
export class FuseScore {
  private readonly threshold: number;
  private readonly minMatchCharLength: number;
  private pattern = '';
  /** For fuse.js's bitap: bit m - 1 - i is the pattern's character i. */
  private readonly alphabet = new Map<string, number>();
  /** For the quick check: bit i is the pattern's character i (ASCII in a table). */
  private readonly ascii = new Int32Array(128);
  private readonly at = new Map<number, number>();
  /** fuse.js tries up to this many errors. */
  private most = 0;
  /** Scratch for bitap: the covered characters, then two bit arrays. */
  private scratch = new Int32Array(256);

  /** Set the pattern with `search`; one scorer serves pattern after pattern. */
  constructor({ threshold, minMatchCharLength }: FuseScoreOptions) {
    this.threshold = threshold;
    this.minMatchCharLength = minMatchCharLength;
  }

  /** Scores texts for `rawPattern` from now on. */
  search(rawPattern: string): this {
    const pattern = (this.pattern = rawPattern.toLowerCase());
    const m = pattern.length;
    if (m === 0 || m > MAX_FUSE_PATTERN) {
      throw new RangeError(`fuse score: patterns of 1 to ${MAX_FUSE_PATTERN} characters`);
    }
    this.alphabet.clear();
    this.ascii.fill(0);
    this.at.clear();
    for (let i = 0; i < m; i++) {
      const c = pattern[i]!;
      this.alphabet.set(c, (this.alphabet.get(c) ?? 0) | (1 << (m - i - 1)));
      const code = pattern.charCodeAt(i);
      if (code < 128) this.ascii[code]! |= 1 << i;
      else this.at.set(code, (this.at.get(code) ?? 0) | (1 << i));
    }
    let most = 0;
    while (most + 1 < m && (most + 1) / m <= this.threshold) most++;
    this.most = most;
    return this;
  }

  of(rawText: string): number | undefined {
    const text = rawText.toLowerCase();
    if (this.pattern === text) {
      return text.length < this.minMatchCharLength ? undefined : Number.EPSILON;
    }
    if (this.fewestEdits(text) > this.most) return undefined;
    return this.bitap(text);
  }

  /**
   * The fewest edits of a stretch of `text` matching the pattern: Myers' bit-parallel search,
   * a few word operations per character, to skip the texts fuse.js cannot match without
   * running its slower search.
   */
  private fewestEdits(text: string): number {
    const { ascii } = this;
    const m = this.pattern.length;
    const top = 1 << (m - 1);
    let up = -1;
    let down = 0;
    let score = m;
    let fewest = m;
    for (let j = 0; j < text.length && fewest > 0; j++) {
      const code = text.charCodeAt(j);
      const eq = code < 128 ? ascii[code]! : (this.at.get(code) ?? 0);
      const xv = eq | down;
      const xh = ((((eq & up) + up) | 0) ^ up) | eq;
      let hp = down | ~(xh | up);
      let hn = up & xh;
      if (hp & top) score++;
      else if (hn & top) score--;
      if (score < fewest) fewest = score;
      hp <<= 1;
      hn <<= 1;
      up = hn | ~(xv | hp);
      down = hp & xv;
    }
    return fewest;
  }

  /** fuse.js's search (src/search/bitap/search.ts) for these options. */
  private bitap(text: string): number | undefined {
    const { pattern, alphabet } = this;
    const m = pattern.length;
    const textLength = text.length;
    // Characters of the text the match covers: whole exact occurrences, then the best match's.
    const finish = textLength + m;
    if (this.scratch.length < 3 * (finish + 2)) this.scratch = new Int32Array(6 * (finish + 2));
    const { scratch } = this;
    const marked = scratch;
    marked.fill(0, 0, textLength);
    let limit = this.threshold;
    for (let at = text.indexOf(pattern); at > -1; at = text.indexOf(pattern, at + m)) {
      limit = 0;
      marked.fill(1, at, at + m);
    }
    // With the location ignored, every error count up to the threshold scans the whole text,
    // right to left, one bit array per error count (Wu and Manber).
    let bestLocation = -1;
    let bestErrors = 0;
    let finalScore = 1;
    const found = 1 << (m - 1);
    // Two bit arrays (previous and current error counts) after the marks, swapped each round.
    let previous = finish + 2;
    let current = 2 * (finish + 2);
    scratch.fill(0, previous, current + finish + 2);
    const bitArr = scratch;
    for (let errors = 0; errors < m; errors++) {
      bitArr[current + finish + 1] = (1 << errors) - 1;
      for (let j = finish; j >= 1; j--) {
        const location = j - 1;
        const charMatch = location < textLength ? (alphabet.get(text[location]!) ?? 0) : 0;
        let bits = ((bitArr[current + j + 1]! << 1) | 1) & charMatch;
        if (errors) {
          const last = bitArr[previous + j + 1]!;
          bits |= ((last | bitArr[previous + j]!) << 1) | 1 | last;
        }
        bitArr[current + j] = bits;
        if (bits & found) {
          finalScore = errors / m;
          if (finalScore <= limit) {
            limit = finalScore;
            bestLocation = location;
            bestErrors = errors;
            if (bestLocation <= 0) break;
          }
        }
      }
      if ((errors + 1) / m > limit) break;
      [previous, current] = [current, previous];
    }
    if (bestLocation < 0) return undefined;

    const matchEnd = Math.min(textLength - 1, bestLocation + m - 1 + bestErrors);
    for (let k = bestLocation; k <= matchEnd; k++) if (alphabet.has(text[k]!)) marked[k] = 1;
    // fuse.js drops a match without minMatchCharLength covered characters in a row.
    let run = 0;
    let longest = 0;
    for (let k = 0; k < textLength; k++) {
      run = marked[k] ? run + 1 : 0;
      if (run > longest) longest = run;
    }
    if (longest < this.minMatchCharLength) return undefined;
    return Math.max(0.001, finalScore);
  }
}
