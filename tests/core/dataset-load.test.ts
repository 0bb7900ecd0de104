import { describe, expect, it } from 'vitest';
import { loadDatasetDir } from '../../src/core/dataset-load.js';
import { loadLegacyJson } from '../../src/core/legacy-dataset.js';
import { DataFileError } from '../../src/core/load-errors.js';
import { formatPo } from '../../src/core/po-tools.js';
import { lookup } from '../../src/core/translations.js';
import { datasetDir, provider, tempFile } from '../helpers/dataset-fixture.js';

function problemsOf(providers: Record<string, unknown> | unknown[], po = {}): string[] {
  const dir = datasetDir(providers, po);
  try {
    loadDatasetDir(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    // Strip the temp folder so assertions read like what an operator sees.
    return (error as DataFileError).message.split('\n').map((l) => l.replace(`${dir}/`, ''));
  }
  throw new Error('expected the load to fail');
}

const YAML_BAD_URL = `id: gamma
name: Gamma
aliases: []
reviewed: 2026-01-01
findings:
  - status: production
    summary: s
    details: d
    sources:
      - title: T
        url: not a url
        publisher: P
        primary: true
`;

describe('loadDatasetDir', () => {
  it('loads one file per provider and derives the version from dates and content', () => {
    const loaded = loadDatasetDir(
      datasetDir([provider('alpha'), provider('beta', { reviewed: '2026-02-03' })]),
    );
    expect(loaded.dataset.providers.map((p) => p.id)).toEqual(['alpha', 'beta']);
    expect(loaded.dataset.version).toMatch(/^2026-02-03\+[0-9a-f]{8}$/);
    const other = loadDatasetDir(datasetDir([provider('alpha'), provider('beta', { name: 'B' })]));
    expect(other.dataset.version).not.toBe(loaded.dataset.version);
  });

  it('names the file, line, column and provider of a bad URL', () => {
    expect(problemsOf({ gamma: YAML_BAD_URL })).toEqual([
      'providers/gamma.yaml:11:14: (gamma) findings[0].sources[0].url: invalid URL (an https:// URL is required)',
    ]);
  });

  it('lists every problem in every file, not only the first', () => {
    const a = provider('a', { reviewed: '2026-13-40' });
    const b = provider('b');
    b.findings[0]!.sources = [];
    const problems = problemsOf([a, b]);
    expect(problems).toEqual([
      expect.stringMatching(/^providers\/a\.yaml:\d+:\d+: \(a\) reviewed: expected a date/),
      expect.stringMatching(
        /^providers\/b\.yaml:\d+:\d+: \(b\) findings\[0\]\.sources: a finding needs at least one source/,
      ),
    ]);
  });

  it('requires the id to match the file name', () => {
    expect(problemsOf({ other: provider('same') })).toEqual([
      'providers/other.yaml:1:5: (same) id: must match the file name (other.yaml)',
    ]);
  });

  it('rejects a name that two providers claim, however it is spelled, even on a finding', () => {
    const one = provider('one', { aliases: ['Deep Seek'] });
    const two = provider('two');
    two.findings[0]!.aliases = ['deep-seek'];
    expect(problemsOf([one, two])).toEqual([
      expect.stringMatching(
        /^providers\/two\.yaml:\d+:\d+: \(two\) findings\[0\]\.aliases\[0\]: "deep-seek" is already claimed by "one"$/,
      ),
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(problemsOf({ alpha: 'id: alpha\nname: [unclosed\n' })[0]).toMatch(
      /^providers\/alpha\.yaml:\d+:\d+: /,
    );
  });

  it('rejects unknown fields so typos do not pass silently', () => {
    const bad = { ...provider('alpha'), reviwed: '2026-01-01' };
    expect(problemsOf([bad])).toEqual([
      'providers/alpha.yaml:1:1: (alpha) (top level): Unrecognized key: "reviwed"',
    ]);
  });

  it('refuses an empty providers folder', () => {
    expect(problemsOf([])[0]).toMatch(/providers: no provider files/);
  });

  it('reports a broken translation file with its line', () => {
    const problems = problemsOf([provider('alpha')], { de: 'msgid "x"\nmsgstr "unterminated\n' });
    expect(problems[0]).toMatch(/^translations\/providers\/de\.po: .*at line \d+/);
  });
});

describe('translations are tied to the English they translate', () => {
  const po = formatPo('de', [
    {
      context: 'alpha/0/summary',
      english: 'alpha summary',
      text: 'Alpha Zusammenfassung',
      fuzzy: false,
    },
    { context: 'alpha/0/details', english: 'older English', text: 'Alte Details', fuzzy: false },
  ]);
  const loaded = loadDatasetDir(datasetDir([provider('alpha')], { de: po }));

  it('serves a translation made from the current English', () => {
    expect(lookup(loaded.translations, 'de', 'alpha/0/summary', 'alpha summary')).toEqual({
      text: 'Alpha Zusammenfassung',
      state: 'translated',
    });
  });

  it('never serves a translation of English that has since changed', () => {
    expect(lookup(loaded.translations, 'de', 'alpha/0/details', 'alpha details')).toEqual({
      text: 'alpha details',
      state: 'stale',
    });
  });

  it('falls back to English where no translation exists', () => {
    expect(lookup(loaded.translations, 'fr', 'alpha/0/summary', 'alpha summary').state).toBe(
      'missing',
    );
  });
});

describe('the deprecated single JSON file', () => {
  const legacy = {
    version: 'old',
    providers: [
      {
        id: 'alpha',
        name: 'Alpha',
        aliases: ['a1'],
        reviewed: '2026-01-01',
        findings: [
          {
            status: 'production',
            summary: { 'en-US': 'English summary', de: 'Deutsche Zusammenfassung' },
            details: { 'en-US': 'English details' },
            asOf: '2025-01-01',
            sources: [{ title: 'T', url: 'https://example.com/', publisher: 'P' }],
          },
        ],
      },
    ],
  };

  it('still loads, with its inline translations, and counts its sources as secondary', () => {
    const loaded = loadLegacyJson(tempFile(legacy));
    const alpha = loaded.dataset.providers[0]!;
    expect(alpha.findings[0]!.summary).toBe('English summary');
    expect(alpha.findings[0]!.sources[0]!.primary).toBe(false);
    expect(lookup(loaded.translations, 'de', 'alpha/0/summary', 'English summary').text).toBe(
      'Deutsche Zusammenfassung',
    );
  });

  it('reports malformed JSON with line and column', () => {
    expect(() => loadLegacyJson(tempFile('{\n  "version": "1",\n  "providers": [,]\n}'))).toThrow(
      /providers\.json: invalid JSON at line 3, column 17: value expected/,
    );
  });
});
