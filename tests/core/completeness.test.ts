import { describe, expect, it } from 'vitest';
import { auditDataset } from '../../src/core/dataset-audit.js';
import { loadDataset } from '../../src/core/dataset-load.js';
import { loadCatalog } from '../../src/core/i18n.js';
import { SUPPORTED_LOCALES } from '../../src/core/locales.js';
import { DEFAULT_PROVIDERS_FILE, LOCALES_DIR } from '../../src/core/paths.js';
import { STATUSES } from '../../src/core/status.js';
import { UI_KEYS } from '../../src/core/ui-strings.js';
import { dataset, provider } from '../helpers/dataset-fixture.js';

const { dataset: data } = loadDataset(DEFAULT_PROVIDERS_FILE);
const catalog = loadCatalog(LOCALES_DIR);
const today = new Date().toISOString().slice(0, 10);

describe('every locale is complete', () => {
  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s has every UI string', (locale) => {
    const strings = catalog[locale] ?? {};
    expect(UI_KEYS.filter((k) => !strings[k])).toEqual([]);
  });

  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s has every provider text', (locale) => {
    const missing = data.providers.flatMap((p) =>
      p.findings.flatMap((f, i) =>
        (['subject', 'summary', 'details'] as const)
          .filter((k) => f[k] !== undefined && !f[k]?.[locale])
          .map((k) => `${p.id}.findings[${i}].${k}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('keeps placeholders intact in every translation', () => {
    const english = catalog.fallback;
    for (const locale of SUPPORTED_LOCALES) {
      for (const key of UI_KEYS) {
        const want = (english[key].match(/\{\w+\}/g) ?? []).sort();
        const got = (catalog[locale]?.[key]?.match(/\{\w+\}/g) ?? []).sort();
        expect(got, `${locale} ${key}`).toEqual(want);
      }
    }
  });

  it('has a label for every status in every locale', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const status of STATUSES)
        expect(catalog[locale]?.[`status.${status}`], `${locale} ${status}`).toBeTruthy();
    }
  });
});

describe('dataset release checks', () => {
  it('passes the audit', () => {
    expect(auditDataset(data, catalog, today).problems).toEqual([]);
  });

  it('every provider has https sources', () => {
    for (const p of data.providers) {
      const urls = p.findings.flatMap((f) => f.sources.map((s) => s.url));
      expect(urls.length, p.id).toBeGreaterThan(0);
      for (const url of urls) expect(new URL(url).protocol, url).toBe('https:');
    }
  });

  it('flags a fact dated in the future', () => {
    const future = provider('alpha');
    future.findings[0]!.asOf = '2999-01-01';
    const problems = auditDataset(dataset([future]), catalog, today).problems;
    expect(problems).toContain('providers[0] (alpha): date 2999-01-01 is in the future');
  });

  it('flags a missing translation', () => {
    const problems = auditDataset(dataset([provider('alpha')]), catalog, today).problems;
    expect(problems).toContain('providers[0].findings[0].summary: no de text (alpha)');
  });

  it('corrects the seed where the checked facts disagree', () => {
    const status = (id: string) => data.providers.find((p) => p.id === id)?.findings[0]?.status;
    expect(status('deepseek')).toBe('fork');
    expect(status('moonshot')).toBe('past');
    expect(status('minimax')).toBe('no-evidence');
    expect(status('anthropic')).toBe('no-evidence');
    expect(status('openai')).toBe('no-evidence');
    const deepseekSources = data.providers
      .find((p) => p.id === 'deepseek')!
      .findings.flatMap((f) => f.sources);
    expect(deepseekSources.some((s) => s.url.includes('ainews.com'))).toBe(false);
  });
});
