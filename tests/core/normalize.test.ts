import { describe, expect, it } from 'vitest';
import { compact, normalize } from '../../src/core/normalize.js';

describe('normalize', () => {
  it.each([
    ['Deep Seek', 'deepseek'],
    ['deep-seek', 'deepseek'],
    ['DEEPSEEK', 'deepseek'],
    ['ＤｅｅｐＳｅｅｋ', 'deepseek'],
    ['d.e.e.p.s.e.e.k', 'deepseek'],
    ['Mistral\u00a0AI', 'mistralai'],
    ['Société', 'societe'],
    ['Łódź', 'lodz'],
    ['straße', 'strasse'],
    ['  月之暗面？ ', '月之暗面'],
    ['zero\u200bwidth', 'zerowidth'],
  ])('compacts %j to %j', (input, expected) => {
    expect(compact(input)).toBe(expected);
  });

  it('keeps words apart with single spaces', () => {
    expect(normalize('  Does   DeepSeek use vLLM?! ')).toBe('does deepseek use vllm');
  });

  it('keeps vowel signs in scripts where they are letters', () => {
    expect(compact('हिन्दी')).toBe('हिन्दी');
    expect(compact('ไทย')).toBe('ไทย');
  });

  it('reduces punctuation and emoji alone to nothing', () => {
    expect(compact('?!… 🙂')).toBe('');
  });
});
