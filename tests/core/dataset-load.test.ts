import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/dataset-load.js';
import { DataFileError } from '../../src/core/load-errors.js';
import { dataset, provider, tempFile } from '../helpers/dataset-fixture.js';

function problemsOf(content: unknown): string[] {
  const file = tempFile(content);
  try {
    loadDataset(file);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    const e = error as DataFileError;
    for (const line of e.message.split('\n')) expect(line.startsWith(`${e.file}: `)).toBe(true);
    expect(e.file).toContain('providers.json');
    return e.problems;
  }
  throw new Error('expected the load to fail');
}

describe('loadDataset', () => {
  it('loads a valid file and hashes its content', () => {
    const loaded = loadDataset(tempFile(dataset([provider('alpha'), provider('beta')])));
    expect(loaded.dataset.providers.map((p) => p.id)).toEqual(['alpha', 'beta']);
    expect(loaded.hash).toMatch(/^[0-9a-f]{12}$/);
  });

  it('names the exact place of a bad URL', () => {
    const bad = provider('gamma');
    bad.findings[0]!.sources[0]!.url = 'not a url';
    const problems = problemsOf(dataset([provider('a'), provider('b'), provider('c'), bad]));
    expect(problems).toEqual([
      'providers[3].findings[0].sources[0].url: invalid URL (an https:// URL is required)',
    ]);
  });

  it('rejects plain http sources', () => {
    const bad = provider('gamma');
    bad.findings[0]!.sources[0]!.url = 'http://example.com/x';
    expect(problemsOf(dataset([bad]))).toEqual([
      'providers[0].findings[0].sources[0].url: invalid URL (an https:// URL is required)',
    ]);
  });

  it('lists every problem, not only the first', () => {
    const a = provider('Bad Id');
    const b = provider('b', { reviewed: '2026-13-40' });
    b.findings[0]!.sources = [];
    const problems = problemsOf(dataset([a, b]));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^providers\[0\]\.id: /),
        expect.stringMatching(
          /^providers\[1\]\.findings\[0\]\.sources: a finding needs at least one source/,
        ),
        expect.stringMatching(/^providers\[1\]\.reviewed: expected a date/),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('rejects duplicate ids', () => {
    expect(problemsOf(dataset([provider('same'), provider('other'), provider('same')]))).toEqual([
      'providers[2].id: duplicate id "same" (also providers[0])',
    ]);
  });

  it('rejects an alias that two providers claim, however it is spelled', () => {
    const problems = problemsOf(
      dataset([
        provider('one', { aliases: ['Deep Seek'] }),
        provider('two', { aliases: ['deep-seek'] }),
      ]),
    );
    expect(problems).toEqual(['providers[1].aliases: "deep-seek" is already claimed by "one"']);
  });

  it('rejects a locale that is not supported', () => {
    const bad = provider('alpha');
    bad.findings[0]!.summary = { 'en-US': 'x', 'xx-YY': 'y' } as never;
    expect(problemsOf(dataset([bad]))).toEqual([
      'providers[0].findings[0].summary: unknown key "xx-YY"',
    ]);
  });

  it('rejects a text missing in the fallback language', () => {
    const bad = provider('alpha');
    bad.findings[0]!.details = { de: 'nur Deutsch' };
    expect(problemsOf(dataset([bad]))).toEqual([
      'providers[0].findings[0].details: missing the en-US text (the fallback language)',
    ]);
  });

  it('reports malformed JSON with line and column', () => {
    const problems = problemsOf('{\n  "version": "1",\n  "providers": [,]\n}');
    expect(problems[0]).toBe('invalid JSON at line 3, column 17: value expected');
  });

  it('reports a truncated file', () => {
    expect(problemsOf('{"version": "1", "provid')[0]).toMatch(
      /^invalid JSON at line 1, column \d+/,
    );
  });

  it('reports an empty file and a missing one', () => {
    expect(problemsOf('')[0]).toMatch(/^invalid JSON/);
    expect(() => loadDataset('/nonexistent/providers.json')).toThrow(
      /providers\.json: cannot read the file \(ENOENT\)/,
    );
  });

  it('rejects unknown fields so typos do not pass silently', () => {
    const bad = { ...provider('alpha'), reviwed: '2026-01-01' };
    expect(problemsOf(dataset([bad as never]))).toEqual(['providers[0]: unknown key "reviwed"']);
  });
});
