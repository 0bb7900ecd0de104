import { describe, expect, it } from 'vitest';
import { MISS_QUERY_MAX, missKey } from '../../src/core/miss-query.js';
import { isStorableMiss } from '../../src/store/index.js';

describe('missKey: what an unmatched query is counted under', () => {
  it.each([
    ['Groq', 'groq'],
    ['  GROQ!! ', 'groq'],
    ['Deep-Seek Ｖ3', 'deep seek v3'],
    ['Société Générale', 'societe generale'],
    ['月之暗面', '月之暗面'],
    ['deepseek.com', 'deepseek com'],
  ])('normalises %j to %j', (query, key) => {
    expect(missKey(query)).toBe(key);
  });

  it.each([
    ['a Discord user mention', 'groq <@123456789012345678>'],
    ['a Discord nickname mention', '<@!123456789012345678>'],
    ['a Discord role mention', '<@&123>'],
    ['a Discord channel', '<#123456789012345678>'],
    ['a Slack user mention', '<@U0123ABC>'],
    ['a Slack broadcast', '<!channel> hello'],
    ['an escaped Slack mention', '&lt;@U0123&gt;'],
    ['@everyone', 'groq @everyone'],
    ['@here', '@here groq'],
    ['a URL', 'https://groq.com/about'],
    ['a www address', 'see www.groq.com'],
    ['an e-mail address', 'mail me at eve@example.com'],
    ['nothing', ''],
    ['only punctuation', ' ?!… '],
    ['over 100 characters', 'x'.repeat(MISS_QUERY_MAX + 1)],
  ])('refuses %s', (_what, query) => {
    expect(missKey(query)).toBeUndefined();
  });

  it('keeps exactly 100 characters, and every key it returns is one the store accepts', () => {
    expect(missKey('y'.repeat(MISS_QUERY_MAX))).toBe('y'.repeat(MISS_QUERY_MAX));
    for (const query of ['groq', 'é'.repeat(100), '月'.repeat(100), 'a b c']) {
      const key = missKey(query);
      expect(key).toBeDefined();
      expect(isStorableMiss(key!)).toBe(true);
    }
  });
});
