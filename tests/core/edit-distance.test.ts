import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/core/edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['deepseek', 'deepseek', 0],
    ['deepsek', 'deepseek', 1],
    ['openia', 'openai', 1],
    ['antrpic', 'anthropic', 2],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['深度求索', '深度求', 1],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b, 10)).toBe(d);
    expect(editDistance(b, a, 10)).toBe(d);
  });

  it('gives up past the limit', () => {
    expect(editDistance('hello', 'anthropic', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });

  it('handles names longer than its buffers', () => {
    expect(editDistance('x'.repeat(200), `${'x'.repeat(199)}y`, 5)).toBe(1);
  });
});
