/**
 * Where each character of a query stands, as one bit per position (bit i: the i-th
 * character), for the bit-parallel edit distances of close-names.ts and names-inside.ts:
 * ASCII characters in a table, the others in a map. Filled in place, so a query costs no
 * allocation; the query has at most 32 characters.
 */
export class CharPositions {
  private readonly asciiAt = new Int32Array(128);
  private readonly otherAt = new Map<number, number>();

  learn(query: string): void {
    this.asciiAt.fill(0);
    this.otherAt.clear();
    for (let i = 0; i < query.length; i++) {
      const code = query.charCodeAt(i);
      if (code < 128) this.asciiAt[code]! |= 1 << i;
      else this.otherAt.set(code, (this.otherAt.get(code) ?? 0) | (1 << i));
    }
  }

  /** The positions of the character with this code unit in the last query learnt. */
  of(code: number): number {
    return code < 128 ? this.asciiAt[code]! : (this.otherAt.get(code) ?? 0);
  }
}
