/*
 * The names within reach of a typo, found without scoring every name: what used to cost
 * milliseconds per new query with ~19,000 names costs microseconds. The scores are exactly
 * those of scoring every name one by one (tests/core/matcher-equivalence.test.ts compares).
 *
 * A name's score is the lower of two: its edit distance to the query over the longer length,
 * and, for a name longer than the query, the distance of its start (as long as the query)
 * plus a penalty. Both come out of one walk over the names in sorted order, which is a walk
 * down a trie: names that start alike share the rows of the edit-distance table for their
 * common start, so each distinct start is computed once. When every cell of a row exceeds the
 * allowed edits, no name continuing that start can come back within reach, and the walk skips
 * them all at once.
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
}

/**
 * Whether the best owner alone is the answer, knowing the runner-up scores at least `second`.
 */
export type Decided<T> = (top: Scored<T>, second: number) => boolean;

export interface CloseNames<T> {
  /**
   * Best score per owner, at most `maxScore`, best first; ties keep the owners' order. Only
   * the first `wanted`; or only the best one when `decided` says it is the answer already.
   */
  close(query: string, wanted?: number, decided?: Decided<T>): Scored<T>[];
  /** Indices of names starting with `prefix`, in the order the names were given. */
  startingWith(prefix: string): number[];
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
  const { maxScore, prefixPenalty, minPrefixLength } = options;
  const count = keys.length;

  // Owners numbered by first appearance: that is the order ties keep.
  const ownerIds = new Map<T, number>();
  const ownerList: T[] = [];
  const ownerOf = Int32Array.from(owners, (owner) => {
    let id = ownerIds.get(owner);
    if (id === undefined) {
      id = ownerList.length;
      ownerIds.set(owner, id);
      ownerList.push(owner);
    }
    return id;
  });

  // Names in code-unit order, with how many characters each shares with the one before.
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) =>
    keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b,
  );
  const sorted = order.map((i) => keys[i]!);
  const sortedOwner = Int32Array.from(order, (i) => ownerOf[i]!);
  const shared = new Int32Array(count);
  for (let s = 1; s < count; s++) shared[s] = commonPrefix(sorted[s - 1]!, sorted[s]!);

  // Per query scratch: best score per owner, which owners have one, the table's rows.
  const best = new Float64Array(ownerList.length).fill(Infinity);
  const touched: number[] = [];
  let table = new Int32Array(0);
  let queryCodes = new Int32Array(0);

  function offer(owner: number, score: number): void {
    if (score > maxScore) return;
    if (best[owner] === Infinity) touched.push(owner);
    if (score < best[owner]!) best[owner] = score;
  }

  /**
   * Row `depth` of the optimal-string-alignment table between the query (columns) and the
   * sorted name `name` (rows), the distance `editDistance` computes, but only the band of
   * cells that can stay within `edits`: the others hold `edits + 1`. Cells up to `edits` are
   * exact. Returns the row's smallest cell.
   */
  function fillRow(
    codes: Int32Array,
    rows: Int32Array,
    name: string,
    depth: number,
    width: number,
    edits: number,
  ): number {
    const row = depth * width;
    const up = row - width;
    const c = name.charCodeAt(depth - 1);
    const before = depth > 1 ? name.charCodeAt(depth - 2) : -1;
    const lo = Math.max(1, depth - edits);
    const hi = Math.min(width - 1, depth + edits);
    rows[row] = depth;
    if (lo > 1) rows[row + lo - 1] = edits + 1;
    let rowMin = lo > 1 ? edits + 1 : depth;
    let left = rows[row + lo - 1]!;
    for (let i = lo; i <= hi; i++) {
      const qi = codes[i - 1]!;
      let d = rows[up + i - 1]! + (qi === c ? 0 : 1);
      const above = rows[up + i]! + 1;
      if (above < d) d = above;
      if (left + 1 < d) d = left + 1;
      if (qi === before && i > 1 && codes[i - 2] === c) {
        const swapped = rows[up - width + i - 2]! + 1;
        if (swapped < d) d = swapped;
      }
      rows[row + i] = d;
      left = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi + 1 < width) rows[row + hi + 1] = edits + 1;
    return rowMin;
  }

  /**
   * Offers every name within `edits` edits of the query (and every start within
   * `startEdits`), and nothing else: the others score at least `unseen(edits)`.
   */
  function walk(query: string, edits: number, startEdits: number): void {
    const n = query.length;
    const width = n + 1;
    // No whole name longer than this is within `edits`.
    const deepest = n + edits;
    if (table.length < (deepest + 1) * width) table = new Int32Array((deepest + 1) * width * 2);
    const rows = table;
    for (let i = 0; i < width; i++) rows[i] = i <= edits ? i : edits + 1;
    if (queryCodes.length < n) queryCodes = new Int32Array(n * 2);
    const codes = queryCodes;
    for (let i = 0; i < n; i++) codes[i] = query.charCodeAt(i);
    // The start's score of the names sharing the row at depth n (Infinity: none).
    let startScore = Infinity;
    // How much the name shares with the last one walked: its rows up to there are valid.
    let reach = 0;
    // Names sharing this much with the last one walked share its fate: out of reach, or
    // (past the deepest row) only its start's score.
    let stop = Infinity;
    for (let s = 0; s < count; s++) {
      reach = Math.min(reach, shared[s]!);
      const name = sorted[s]!;
      const length = name.length;
      if (reach >= stop) {
        if (stop > n) offer(sortedOwner[s]!, startScore);
        continue;
      }
      // Too short for its whole to be within reach, and shorter than the query: no start.
      if (length < n - edits) continue;
      const last = Math.min(length, deepest);
      stop = last + 1;
      for (let depth = reach + 1; depth <= last; depth++) {
        const rowMin = fillRow(codes, rows, name, depth, width, edits);
        if (depth === n) {
          const d = rows[depth * width + n]!;
          startScore = d <= startEdits ? d / n + prefixPenalty : Infinity;
        }
        if (rowMin > edits) {
          stop = depth;
          break;
        }
      }
      if (stop > last && Math.abs(length - n) <= edits) {
        const d = rows[length * width + n]!;
        if (d <= edits) offer(sortedOwner[s]!, d / Math.max(n, length));
      }
      if (length > n && stop > n) offer(sortedOwner[s]!, startScore);
      reach = length;
    }
  }

  /** Owners found so far, best first. */
  function ranked(): number[] {
    return touched.sort((a, b) => best[a]! - best[b]! || a - b);
  }

  /** The owners `list` with their scores; clears the scratch for the next query. */
  function finish(list: number[]): Scored<T>[] {
    const out = list.map((o) => ({ owner: ownerList[o]!, score: best[o]! }));
    for (const o of touched) best[o] = Infinity;
    touched.length = 0;
    return out;
  }

  function close(query: string, wanted = Infinity, decided?: Decided<T>): Scored<T>[] {
    const n = query.length;
    const max = Math.floor(n * maxScore);
    // The most edits a start may have and still score, after its penalty.
    let startMax = n < minPrefixLength ? -1 : max;
    while (startMax >= 0 && startMax / n + prefixPenalty > maxScore) startMax--;
    // Few edits first: that walk is short, and often already settles the answer. Each walk
    // costs about twice the one before, so one more edit at a time wastes little; when two
    // edits find nothing the query is most likely a miss, which only the whole search shows.
    for (let edits = Math.min(1, max); ;) {
      walk(query, edits, Math.min(edits, startMax));
      const found = ranked();
      if (edits === max) return finish(found.slice(0, wanted));
      // Whatever this walk did not offer has more edits, so scores at least this.
      const more = edits + 1;
      const unseen = Math.min(
        more / (n + more),
        more <= startMax ? more / n + prefixPenalty : Infinity,
      );
      let settled = 0;
      while (settled < found.length && best[found[settled]!]! < unseen) settled++;
      if (settled >= wanted) return finish(found.slice(0, wanted));
      if (decided && settled >= 1) {
        const top = { owner: ownerList[found[0]!]!, score: best[found[0]!]! };
        const second = found.length > 1 ? Math.min(best[found[1]!]!, unseen) : unseen;
        if (decided(top, second)) return finish(found.slice(0, 1));
      }
      edits = found.length === 0 && edits >= 2 ? max : edits + 1;
      finish([]);
    }
  }

  function startingWith(prefix: string): number[] {
    // The first sorted name not below `prefix`; the names starting with it follow.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let s = lo; s < count && sorted[s]!.startsWith(prefix); s++) out.push(order[s]!);
    return out.sort((a, b) => a - b);
  }

  return { close, startingWith };
}
