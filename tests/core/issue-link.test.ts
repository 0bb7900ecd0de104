import { describe, expect, it } from 'vitest';
import { ISSUE_URL_MAX, prefilledIssueUrl } from '../../src/core/issue-link.js';
import { checkSourceUrl } from '../../src/core/source-url.js';

const BASE = 'https://github.com/OWNER/REPO/issues/new?template=wrong-answer.yml';
const fields = {
  providerId: 'deepseek',
  providerName: 'DeepSeek',
  query: 'deep seek & co?',
  locale: 'de',
  whatIsWrong: 'The status changed: see the new blog post.\nLine two #1',
  sourceUrl: 'https://example.com/post?a=1&b=2',
};

describe('prefilledIssueUrl', () => {
  it('keeps the template and fills the title, body and the form’s fields, encoded', () => {
    const url = new URL(prefilledIssueUrl(BASE, fields));
    expect(url.origin + url.pathname).toBe('https://github.com/OWNER/REPO/issues/new');
    const p = url.searchParams;
    expect(p.get('template')).toBe('wrong-answer.yml');
    expect(p.get('title')).toBe('Wrong answer: DeepSeek');
    expect(p.get('provider')).toBe('deepseek');
    expect(p.get('wrong')).toBe(fields.whatIsWrong);
    expect(p.get('source')).toBe(fields.sourceUrl);
    expect(p.get('language')).toBe('de');
    expect(p.get('body')).toContain('Asked: deep seek & co?');
    expect(p.get('body')).toContain(`Source: ${fields.sourceUrl}`);
    // Encoded: the query's & and ? and the newline cannot break the URL apart.
    expect(url.toString()).not.toMatch(/[\s]/);
  });

  it('names no reporter: issues are public', () => {
    const url = prefilledIssueUrl(BASE, fields);
    expect(url).not.toMatch(/reporter|from/i);
  });

  it.each([ISSUE_URL_MAX, 512, 300])(
    'stays within %i characters however long the report, and still parses',
    (max) => {
      const long = { ...fields, whatIsWrong: `${'ж😀 &'.repeat(400)}` };
      const url = prefilledIssueUrl(BASE, long, max);
      expect(url.length).toBeLessThanOrEqual(max);
      const p = new URL(url).searchParams;
      expect(p.get('template')).toBe('wrong-answer.yml');
      expect(p.get('provider')).toBe('deepseek');
      // Cut where needed, never into a broken character.
      expect(p.get('wrong') ?? '').not.toContain('\uFFFD');
    },
  );

  it('falls back to the bare URL when even the title cannot fit', () => {
    expect(prefilledIssueUrl(BASE, fields, BASE.length + 5)).toBe(BASE);
  });
});

describe('checkSourceUrl', () => {
  it.each(['', '   ', undefined, null])('accepts no source (%j)', (text) => {
    expect(checkSourceUrl(text)).toEqual({ ok: true, url: undefined });
  });

  it('accepts an https URL, trimmed', () => {
    expect(checkSourceUrl('  https://blog.example.com/a?b=1 ')).toEqual({
      ok: true,
      url: 'https://blog.example.com/a?b=1',
    });
  });

  it.each([
    'http://example.com',
    'example.com',
    'not a url',
    'https://',
    'https://localhost/x',
    'javascript:alert(1)',
    'ftp://example.com/file',
    'https://user:pw@example.com/',
    'https://example.com/a b',
    `https://example.com/${'x'.repeat(2000)}`,
  ])('refuses %j', (text) => {
    expect(checkSourceUrl(text).ok).toBe(false);
  });
});
