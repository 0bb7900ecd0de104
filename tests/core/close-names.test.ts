import { describe, expect, it } from 'vitest';
import { createCloseNames } from '../../src/core/close-names.js';
import { editDistance } from '../../src/core/edit-distance.js';
import { mulberry32 } from '../helpers/seeded-random.js';

const OPTIONS = { maxScore: 0.45, prefixPenalty: 0.1, minPrefixLength: 4 };
const KEYS = ['deepseek', 'deepinfra', 'openai', 'openrouter', 'mistral', 'mistralai', 'groq'];
const OWNERS = ['deepseek', 'deepinfra', 'openai', 'openrouter', 'mistral', 'mistral', 'groq'];

/** The score of every name, one by one: what the index must reproduce. */
function bruteForce(
  query: string,
  keys: readonly string[] = KEYS,
  owners: readonly string[] = OWNERS,
): { owner: string; score: number }[] {
  const max = Math.floor(query.length * OPTIONS.maxScore);
  const best = new Map<string, number>();
  keys.forEach((key, i) => {
    const d = editDistance(query, key, max);
    let score = d > max ? 1 : d / Math.max(query.length, key.length);
    if (key.length > query.length && query.length >= OPTIONS.minPrefixLength) {
      const p = editDistance(query, key.slice(0, query.length), max);
      score = Math.min(score, (p > max ? 1 : p / query.length) + OPTIONS.prefixPenalty);
    }
    if (score <= OPTIONS.maxScore && score < (best.get(owners[i]!) ?? Infinity)) {
      best.set(owners[i]!, score);
    }
  });
  // Ties keep the owners' order of first appearance.
  const first = owners.filter((o, i) => owners.indexOf(o) === i);
  return [...best]
    .map(([owner, score]) => ({ owner, score }))
    .sort((a, b) => a.score - b.score || first.indexOf(a.owner) - first.indexOf(b.owner));
}

describe('close names', () => {
  const names = createCloseNames(KEYS, OWNERS, OPTIONS);

  it.each(['deepsek', 'deep', 'opnai', 'openr', 'mistrl', 'grok', 'xyzzyq', 'mistralaii'])(
    '%s scores as every name compared one by one',
    (query) => {
      expect(names.close(query)).toEqual(bruteForce(query));
    },
  );

  it('scores a start with its penalty and keeps the owners order on ties', () => {
    expect(names.close('open')).toEqual([
      { owner: 'openai', score: 0.1 },
      { owner: 'openrouter', score: 0.1 },
    ]);
  });

  it('returns only the wanted best ones, the same as the whole list starts', () => {
    expect(names.close('deep', 1)).toEqual(bruteForce('deep').slice(0, 1));
  });

  it('stops at the best one once the caller says it is the answer', () => {
    const all = bruteForce('openrou');
    expect(all.length).toBeGreaterThan(1);
    expect(names.close('openrou', 5, (top, second) => second - top.score >= 0.1)).toEqual(
      all.slice(0, 1),
    );
  });

  it('finds a name three edits away before deciding, not only at the last step', () => {
    // abcdefghij allows 4 edits. "klabcdefghij" is 2 away (2/12), "klzbcdefghij" 3 (3/12):
    // not clearly behind, so not an answer alone; missing it at 3 edits would make it one.
    const near = createCloseNames(['klabcdefghij', 'klzbcdefghij'], ['a', 'b'], OPTIONS);
    const ahead = (top: { score: number }, second: number) => second - top.score >= 0.1;
    expect(near.close('abcdefghij', 5, ahead)).toEqual([
      { owner: 'a', score: 2 / 12 },
      { owner: 'b', score: 3 / 12 },
    ]);
  });

  it('takes queries of up to 32 characters', () => {
    expect(names.close('x'.repeat(32))).toEqual(bruteForce('x'.repeat(32)));
    expect(() => names.close('x'.repeat(33))).toThrow(RangeError);
  });

  it('lists the names starting with a prefix in the given order', () => {
    expect(names.startingWith('mistral')).toEqual([4, 5]);
    expect(names.startingWith('zzz')).toEqual([]);
  });
});

describe('close names on many names', () => {
  // Names of every length from 1 to 40 from a few syllables (so that many are alike), with
  // digits, letters beyond a to z and repeated letters; hundreds, so many words of bits.
  const rnd = mulberry32(11);
  const letters = 'aenor1é深';
  const syllables = ['ka', 'ro', 'ne', 'a', 'or', 'é', '1', '深度', 'kk'];
  const word = (length: number) => {
    let out = '';
    while (out.length < length) out += syllables[Math.floor(rnd() * syllables.length)];
    return out.slice(0, length);
  };
  const keys = [...new Set(Array.from({ length: 600 }, (_, i) => word(1 + (i % 40))))];
  keys.push('aaaaaaaaaa', 'aaaaab', 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk');
  const owners = keys.map((_, i) => `owner${i % 150}`);
  const names = createCloseNames(keys, owners, OPTIONS);

  /** A name with up to `edits` random edits, swaps among them. */
  function typo(name: string, edits: number): string {
    const chars = [...name];
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rnd() * (chars.length + 1));
      const kind = Math.floor(rnd() * 4);
      if (kind === 0) chars.splice(at, 1);
      else if (kind === 1) chars.splice(at, 0, letters[Math.floor(rnd() * letters.length)]!);
      else if (kind === 2) chars[at] = letters[Math.floor(rnd() * letters.length)]!;
      else if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
    }
    return chars.join('').slice(0, 32);
  }

  const queries = [
    ...Array.from({ length: 150 }, () => typo(keys[Math.floor(rnd() * keys.length)]!, 3)),
    ...Array.from({ length: 60 }, () => word(1 + Math.floor(rnd() * 32))),
    ...Array.from({ length: 20 }, () => 'xz'.repeat(16).slice(0, 1 + Math.floor(rnd() * 32))),
    // Longer than every name but one, unlike any name, all one letter, a start.
    'k'.repeat(32),
    'zq'.repeat(16),
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    keys[keys.length - 1]!.slice(0, 7),
  ];

  it('scores every query as every name compared one by one', () => {
    const differ = queries.filter(
      (q) => JSON.stringify(names.close(q)) !== JSON.stringify(bruteForce(q, keys, owners)),
    );
    expect(differ).toEqual([]);
    // Only the best few, or the best one if it is clearly ahead (the search may stop early
    // then), as the matcher asks.
    const ahead = (top: { score: number }, second: number) => second - top.score >= 0.1;
    const differFew = queries.filter((q) => {
      const all = bruteForce(q, keys, owners);
      const [top, second] = all;
      const clear = top !== undefined && (second?.score ?? Infinity) - top.score >= 0.1;
      const got = JSON.stringify(names.close(q, 3, ahead));
      return got !== JSON.stringify(all.slice(0, 3)) && !(clear && got === JSON.stringify([top]));
    });
    expect(differFew).toEqual([]);
    // The queries found names, often several.
    const found = queries.map((q) => names.close(q).length);
    expect(found.filter((f) => f > 0).length).toBeGreaterThan(100);
    expect(found.filter((f) => f > 3).length).toBeGreaterThan(20);
  });
});
