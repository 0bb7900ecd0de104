import type { Dataset, LocalizedText } from './dataset-schema.js';
import type { Catalog } from './i18n.js';
import { SUPPORTED_LOCALES, type Locale } from './locales.js';
import { UI_KEYS } from './ui-strings.js';

export interface ProviderCoverage {
  id: string;
  /** Texts of this provider present per locale, out of `texts`. */
  present: Record<Locale, number>;
  texts: number;
  sources: number;
  oldestFact: string;
}

export interface Audit {
  problems: string[];
  coverage: ProviderCoverage[];
}

function textsOf(dataset: Dataset, index: number): { path: string; text: LocalizedText }[] {
  const provider = dataset.providers[index]!;
  return provider.findings.flatMap((f, i) => {
    const at = `providers[${index}].findings[${i}]`;
    const texts = [
      { path: `${at}.summary`, text: f.summary },
      { path: `${at}.details`, text: f.details },
    ];
    return f.subject ? [{ path: `${at}.subject`, text: f.subject }, ...texts] : texts;
  });
}

/**
 * Release checks beyond loading: every text and UI string in every locale, and no fact dated
 * after `today`. Loading tolerates gaps (they fall back to English); a release does not.
 */
export function auditDataset(dataset: Dataset, catalog: Catalog, today: string): Audit {
  const problems: string[] = [];
  const coverage = dataset.providers.map((provider, index): ProviderCoverage => {
    const texts = textsOf(dataset, index);
    const present = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, 0])) as Record<
      Locale,
      number
    >;
    for (const { path, text } of texts) {
      for (const locale of SUPPORTED_LOCALES) {
        if (text[locale]) present[locale]++;
        else problems.push(`${path}: no ${locale} text (${provider.id})`);
      }
    }
    const dates = provider.findings.flatMap((f) => [
      f.asOf,
      ...f.sources.flatMap((s) => (s.date ? [s.date] : [])),
    ]);
    for (const date of [...dates, provider.reviewed]) {
      if (date > today)
        problems.push(`providers[${index}] (${provider.id}): date ${date} is in the future`);
    }
    const sources = new Set(provider.findings.flatMap((f) => f.sources.map((s) => s.url))).size;
    const oldestFact = provider.findings.map((f) => f.asOf).sort()[0]!;
    return { id: provider.id, present, texts: texts.length, sources, oldestFact };
  });

  for (const locale of SUPPORTED_LOCALES) {
    const strings = catalog[locale] ?? {};
    const missing = UI_KEYS.filter((k) => !strings[k]);
    if (missing.length > 0)
      problems.push(`data/locales/${locale}.json: missing ${missing.join(', ')}`);
  }
  return { problems, coverage };
}
