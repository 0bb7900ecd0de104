import { describe, expect, it } from 'vitest';
import { createCloseNames } from '../../src/core/close-names.js';
import { editDistance } from '../../src/core/edit-distance.js';

const OPTIONS = { maxScore: 0.45, prefixPenalty: 0.1, minPrefixLength: 4 };
const KEYS = ['deepseek', 'deepinfra', 'openai', 'openrouter', 'mistral', 'mistralai', 'groq'];
const OWNERS = ['deepseek', 'deepinfra', 'openai', 'openrouter', 'mistral', 'mistral', 'groq'];

/** The score of every name, one by one: what the index must reproduce. */
function bruteForce(query: string): { owner: string; score: number }[] {
  const max = Math.floor(query.length * OPTIONS.maxScore);
  const best = new Map<string, number>();
  KEYS.forEach((key, i) => {
    const d = editDistance(query, key, max);
    let score = d > max ? 1 : d / Math.max(query.length, key.length);
    if (key.length > query.length && query.length >= OPTIONS.minPrefixLength) {
      const p = editDistance(query, key.slice(0, query.length), max);
      score = Math.min(score, (p > max ? 1 : p / query.length) + OPTIONS.prefixPenalty);
    }
    if (score <= OPTIONS.maxScore && score < (best.get(OWNERS[i]!) ?? Infinity)) {
      best.set(OWNERS[i]!, score);
    }
  });
  return [...best].map(([owner, score]) => ({ owner, score })).sort((a, b) => a.score - b.score);
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

  it('lists the names starting with a prefix in the given order', () => {
    expect(names.startingWith('mistral')).toEqual([4, 5]);
    expect(names.startingWith('zzz')).toEqual([]);
  });
});
