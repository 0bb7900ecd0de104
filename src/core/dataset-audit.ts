import type { Dataset, Provider } from './dataset-schema.js';
import type { Catalog } from './i18n.js';
import { FALLBACK_LOCALE, SUPPORTED_LOCALES, type Locale } from './locales.js';
import { providerUnits, type TextUnit } from './text-units.js';
import { unitState, type TranslationSet, type UnitState } from './translations.js';
import { UI_KEYS } from './ui-strings.js';

/** Translation locales: every supported one but the English source. */
export const TRANSLATED_LOCALES = SUPPORTED_LOCALES.filter((l) => l !== FALLBACK_LOCALE);

export type StateCounts = Record<UnitState, number>;

export interface Coverage {
  /** A provider id, or `ui` for the UI strings. */
  id: string;
  units: number;
  byLocale: Record<Locale, StateCounts>;
}

export interface Gap {
  locale: Locale;
  context: string;
  state: Exclude<UnitState, 'translated'>;
}

export interface Audit {
  /** Release blockers whatever the mode: dates in the future. */
  problems: string[];
  coverage: Coverage[];
  /** Missing and stale translations: shown as a table, errors only with --strict. */
  gaps: Gap[];
}

function countStates(
  id: string,
  units: readonly TextUnit[],
  translations: TranslationSet,
  gaps: Gap[],
): Coverage {
  const byLocale = {} as Record<Locale, StateCounts>;
  for (const locale of TRANSLATED_LOCALES) {
    const counts: StateCounts = { translated: 0, stale: 0, missing: 0 };
    for (const unit of units) {
      const state = unitState(translations[locale]?.get(unit.context), unit.english);
      counts[state]++;
      if (state !== 'translated') gaps.push({ locale, context: unit.context, state });
    }
    byLocale[locale] = counts;
  }
  return { id, units: units.length, byLocale };
}

// What `npm run data:new` leaves for the contributor to fill in.
const PLACEHOLDER = /\bTODO\b|^https:\/\/example\.com\//;

function unfinished(provider: Provider): string[] {
  const texts = provider.findings.flatMap((f, i) => [
    [`findings[${i}].summary`, f.summary],
    [`findings[${i}].details`, f.details],
    ...f.sources.flatMap((s, j) => [
      [`findings[${i}].sources[${j}].title`, s.title],
      [`findings[${i}].sources[${j}].url`, s.url],
      [`findings[${i}].sources[${j}].publisher`, s.publisher],
    ]),
  ]);
  return texts
    .filter(([, text]) => PLACEHOLDER.test(text!))
    .map(([path]) => `${provider.id}: ${path} still holds a placeholder (TODO or example.com)`);
}

/**
 * Release checks beyond loading. Loading tolerates translation gaps (each text falls back to
 * English with a marker); `data:check --strict` and the shipped dataset do not.
 */
export function auditDataset(
  dataset: Dataset,
  translations: TranslationSet,
  catalog: Catalog,
  today: string,
): Audit {
  const problems: string[] = [];
  const gaps: Gap[] = [];
  const coverage = dataset.providers.map((provider) => {
    problems.push(...unfinished(provider));
    const dates = provider.findings.flatMap((f) => f.sources.flatMap((s) => s.date ?? []));
    for (const date of [...dates, provider.reviewed]) {
      if (date > today) problems.push(`${provider.id}: date ${date} is in the future`);
    }
    return countStates(provider.id, providerUnits(provider), translations, gaps);
  });
  const uiUnits = UI_KEYS.map((key) => ({ context: key, english: catalog.english[key] }));
  coverage.push(countStates('ui', uiUnits, catalog.translations, gaps));
  return { problems, coverage, gaps };
}
