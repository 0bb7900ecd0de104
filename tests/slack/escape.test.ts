import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, mrkdwnLink, unescapeText } from '../../src/slack/escape.js';
import { renderAnswer, renderNotice, truncate } from '../../src/slack/render.js';
import { realKnowledge } from '../helpers/context.js';
import { slackLimitViolations } from './check-limits.js';

describe('escapeText', () => {
  it('escapes the three characters Slack reserves', () => {
    expect(escapeText('<!channel> <!here> <@U123> & co')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &amp; co',
    );
  });

  it('escapes an already escaped text again, so it shows as typed', () => {
    expect(escapeText('&lt;')).toBe('&amp;lt;');
    expect(unescapeText(escapeText('&lt;'))).toBe('&lt;');
  });

  it('never leaves < or > and round-trips any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const e = escapeText(s);
        expect(e).not.toMatch(/[<>]/);
        expect(unescapeText(e)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mrkdwnLink', () => {
  it('escapes the label and keeps the URL from closing the link early', () => {
    expect(mrkdwnLink('https://x.test/a?b=1&c=2|3', 'A <b> & c')).toBe(
      '<https://x.test/a?b=1&amp;c=2%7C3|A &lt;b&gt; &amp; c>',
    );
  });
});

describe('truncate', () => {
  it('leaves short text alone and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });

  it('never cuts an escape in half', () => {
    const cut = truncate(escapeText('a&&&&&&&&&'), 8);
    expect(cut.length).toBeLessThanOrEqual(8);
    expect(cut).toMatch(/^a(&amp;)*…$/);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('😀😀😀😀', 4);
    expect(cut).toBe('😀…');
  });

  it('always fits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 50 }), (s, max) => {
        expect(truncate(escapeText(s), max).length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nothing a user types notifies anyone', () => {
  const knowledge = realKnowledge();
  const nasty = [
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U123>',
    '<#C123>',
    '<!subteam^S1>',
    'a & b',
    '<https://evil.test|click>',
  ];

  it.each(nasty.map((q) => [q]))('%s comes back escaped in a not-found answer', (query) => {
    const answer = knowledge.ask(`${query} qqzzxv`, 'en-US');
    const message = renderAnswer(answer, knowledge.catalog);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(JSON.stringify(message)).toContain(escapeText(query));
  });

  it('escapes any generated query, in every kind of answer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (query) => {
        const message = renderAnswer(
          knowledge.ask(`<!channel> ${query}`, 'en-US'),
          knowledge.catalog,
        );
        expect(slackLimitViolations(message)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('escapes notices too (usage.hint has <provider> in it)', () => {
    const message = renderNotice('Usage: /vllm <provider> & more');
    expect(message.text).toBe('Usage: /vllm &lt;provider&gt; &amp; more');
    expect(slackLimitViolations(message)).toEqual([]);
  });
});
