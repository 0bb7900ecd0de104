import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalizedText } from './dataset-schema.js';
import { DataFileError, displayPath, formatIssues, parseJson } from './load-errors.js';
import { FALLBACK_LOCALE, SUPPORTED_LOCALES, type Locale } from './locales.js';
import {
  PartialUiStringsSchema,
  UiStringsSchema,
  type UiKey,
  type UiStrings,
} from './ui-strings.js';

export type Catalog = { fallback: UiStrings } & Partial<Record<Locale, Partial<UiStrings>>>;

export type Vars = Record<string, string | number>;

function loadLocaleFile(dir: string, locale: Locale): Partial<UiStrings> | undefined {
  const file = join(dir, `${locale}.json`);
  if (locale !== FALLBACK_LOCALE && !existsSync(file)) return undefined;
  const label = displayPath(file);
  const raw = parseJson(label, readFileSync(file, 'utf8'));
  const schema = locale === FALLBACK_LOCALE ? UiStringsSchema : PartialUiStringsSchema;
  const result = schema.safeParse(raw);
  if (!result.success) throw new DataFileError(label, formatIssues(result.error.issues));
  return result.data;
}

/** Reads data/locales/<locale>.json for every supported locale; only the fallback is required. */
export function loadCatalog(dir: string): Catalog {
  const fallback = loadLocaleFile(dir, FALLBACK_LOCALE) as UiStrings;
  const catalog: Catalog = { fallback };
  for (const locale of SUPPORTED_LOCALES) catalog[locale] = loadLocaleFile(dir, locale);
  return catalog;
}

function interpolate(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function translate(catalog: Catalog, locale: Locale, key: UiKey, vars: Vars = {}): string {
  return interpolate(catalog[locale]?.[key] ?? catalog.fallback[key], vars);
}

export function pickText(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text[FALLBACK_LOCALE] ?? '';
}
