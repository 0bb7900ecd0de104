import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { FuseScore } from '../../src/core/fuse-score.js';

/*
 * fuse-score.ts reproduces fuse.js's score for the matcher's options; fuse.js itself is the
 * judge here, on names it does and does not match.
 */

const OPTIONS = { threshold: 0.2, minMatchCharLength: 3 };

/** What fuse.js says of each text, as the matcher used to ask it. */
function byFuse(pattern: string, texts: string[]): (number | undefined)[] {
  const fuse = new Fuse(
    texts.map((key) => ({ key })),
    {
      keys: ['key'],
      includeScore: true,
      ignoreLocation: true,
      ignoreFieldNorm: true,
      threshold: OPTIONS.threshold,
      minMatchCharLength: OPTIONS.minMatchCharLength,
    },
  );
  const scores: (number | undefined)[] = texts.map(() => undefined);
  for (const hit of fuse.search(pattern)) scores[hit.refIndex] = hit.score;
  return scores;
}

// One scorer for every pattern, as the matcher uses it: nothing of a pattern may linger.
const scorer = new FuseScore(OPTIONS);

function byCopy(pattern: string, texts: string[]): (number | undefined)[] {
  const score = scorer.search(pattern);
  return texts.map((text) => score.of(text));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuse score', () => {
  it.each([
    ['arena', ['chatbotarena', 'arena', 'aren', 'arenas', 'aerna', 'ar', 'xxarexna', 'nothing']],
    ['kubernetes', ['googlekubernetesengine', 'azurekubernetesservice', 'kubernete', 'kbernetes']],
    ['banana', ['habanalabs', 'bananas', 'bnana', 'ba', 'nanaban', 'ananab']],
    ['hello', ['hallo', 'hell', 'oellh', 'helo', 'xhelloy', 'lo', 'hellohello', 'HELLO']],
    ['深度求索', ['深度求索科技', '深度', '求索深度', '深度求']],
    ['abc', ['abc', 'ab', 'xabcx', 'axbxc']],
  ])('scores as fuse.js for %s', (pattern, texts) => {
    expect(byCopy(pattern, texts)).toEqual(byFuse(pattern, texts));
  });

  it('scores as fuse.js on random names near and far', () => {
    const rnd = mulberry32(7);
    const letters = 'aeinorstlk';
    const word = (length: number) =>
      Array.from({ length }, () => letters[Math.floor(rnd() * letters.length)]).join('');
    let matched = 0;
    for (let round = 0; round < 300; round++) {
      const pattern = word(3 + Math.floor(rnd() * 14));
      // Texts holding the pattern with a few edits, and unrelated ones.
      const texts = Array.from({ length: 12 }, (_, i) => {
        if (i % 3 === 2) return word(2 + Math.floor(rnd() * 20));
        const chars = [...pattern];
        for (let e = Math.floor(rnd() * 4); e > 0; e--) {
          const at = Math.floor(rnd() * chars.length);
          if (rnd() < 0.5) chars.splice(at, 1);
          else chars.splice(at, 0, letters[Math.floor(rnd() * letters.length)]!);
        }
        return word(Math.floor(rnd() * 6)) + chars.join('') + word(Math.floor(rnd() * 6));
      });
      const expected = byFuse(pattern, texts);
      matched += expected.filter((s) => s !== undefined).length;
      expect(byCopy(pattern, texts), pattern).toEqual(expected);
    }
    // The comparison covered both answers, often.
    expect(matched).toBeGreaterThan(500);
    expect(matched).toBeLessThan(300 * 12 - 500);
  });
});
