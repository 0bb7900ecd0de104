import { describe, expect, it } from 'vitest';
import { createMatcher, type MatchResult } from '../../src/core/matcher.js';
import { loadDatasetDir } from '../../src/core/dataset-load.js';
import { DEFAULT_DATA_DIR } from '../../src/core/paths.js';
import { MATCH_CASES as TABLE } from './matcher-cases.js';

function describeResult(r: MatchResult): string {
  switch (r.kind) {
    case 'provider':
      return r.provider.id;
    case 'ambiguous':
      return `?${r.candidates.map((c) => c.id).join(',')}`;
    case 'not-found':
      return '-';
    case 'overview':
      return '*';
  }
}

const shipped = loadDatasetDir(DEFAULT_DATA_DIR).dataset;

describe('matcher table', () => {
  const matcher = createMatcher(shipped.providers, shipped.unlisted);

  it('has at least 100 rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(100);
  });

  it.each(TABLE)('%j → %s', (query, expected) => {
    const result = matcher.match(query);
    const got = describeResult(result);
    if (expected === '?') {
      expect(result.kind, got).not.toBe('provider');
      expect(result.kind, got).not.toBe('overview');
    } else if (expected.startsWith('?')) {
      expect(result.kind, got).toBe('ambiguous');
      expect(got.slice(1).split(',')[0]).toBe(expected.slice(1));
    } else {
      expect(got).toBe(expected);
    }
  });

  it('answers the same way every time (the memo changes nothing)', () => {
    for (const [query] of TABLE.slice(80, 110)) {
      expect(describeResult(matcher.match(query))).toBe(describeResult(matcher.match(query)));
    }
  });
});

describe('rank (autocomplete)', () => {
  const matcher = createMatcher(shipped.providers, shipped.unlisted);

  it('lists every provider alphabetically for an empty query', () => {
    const all = matcher.rank('', 100).map((p) => p.name);
    expect(all).toHaveLength(shipped.providers.length);
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it.each([
    ['deepsek', 'deepseek'],
    ['deeps', 'deepseek'],
    ['cla', 'anthropic'],
    ['gpt-4o', 'openai'],
    ['月之', 'moonshot'],
  ])('puts %j first as %s', (query, id) => {
    expect(matcher.rank(query, 25)[0]?.id).toBe(id);
  });

  it('never returns more than asked', () => {
    expect(matcher.rank('a', 25).length).toBeLessThanOrEqual(25);
    expect(matcher.rank('', 3)).toHaveLength(3);
  });
});
