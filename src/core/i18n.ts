import { parse, isStructurallySame } from '@formatjs/icu-messageformat-parser';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { loadPoFolder } from './dataset-load.js';
import { DataFileError, DatasetError, displayPath, formatIssues } from './load-errors.js';
import { FALLBACK_LOCALE, type Locale } from './locales.js';
import { lineOfContext } from './po-file.js';
import { lookup, unitState, type TranslationSet } from './translations.js';
import { UI_KEYS, UiStringsSchema, type UiKey, type UiStrings } from './ui-strings.js';
import { parseYamlFile } from './yaml-file.js';

export interface Catalog {
  english: UiStrings;
  translations: TranslationSet;
  /** Content hash of the UI files, part of what a rendered answer depends on. */
  hash: string;
}

export type Vars = Record<string, string | number>;

// `<provider>` in a usage line is text, not a rich-text tag.
const ICU_OPTIONS = { ignoreTag: true };

function readEnglish(file: string, update: (text: string) => void): UiStrings {
  const label = displayPath(file);
  if (!existsSync(file)) throw new DataFileError(label, ['cannot read the file (ENOENT)']);
  const text = readFileSync(file, 'utf8');
  update(text);
  const yaml = parseYamlFile(text);
  if (yaml.errors.length > 0) throw new DataFileError(label, yaml.errors);
  const result = UiStringsSchema.safeParse(yaml.value);
  if (!result.success) {
    const problems = formatIssues(result.error.issues).map(
      (p, i) => `${yaml.locate(result.error.issues[i]!.path)}: ${p}`,
    );
    throw new DataFileError(label, problems);
  }
  const broken = UI_KEYS.flatMap((key) => {
    try {
      parse(result.data[key], ICU_OPTIONS);
      return [];
    } catch (error) {
      return [`${yaml.locate([key])}: ${key}: not valid ICU MessageFormat (${String(error)})`];
    }
  });
  if (broken.length > 0) throw new DataFileError(label, broken);
  return result.data;
}

/** A translation must parse and use the same arguments as the English, or it is refused. */
function translationProblems(
  english: UiStrings,
  translations: TranslationSet,
  dir: string,
): DataFileError[] {
  const errors: DataFileError[] = [];
  for (const [locale, entries] of Object.entries(translations)) {
    const file = `${dir}/${locale}.po`;
    const problems: string[] = [];
    for (const [key, entry] of entries) {
      // Only what would be served must be sound; stale entries fall back to English anyway.
      if (unitState(entry, english[key as UiKey] ?? '') !== 'translated') continue;
      try {
        const same = isStructurallySame(
          parse(english[key as UiKey], ICU_OPTIONS),
          parse(entry.text, ICU_OPTIONS),
        );
        if (!same.success) throw same.error ?? new Error('different arguments');
      } catch (error) {
        const line = lineOfContext(readFileSync(file, 'utf8'), key) ?? 1;
        problems.push(`${line}:1: ${key}: ${(error as Error).message}`);
      }
    }
    if (problems.length > 0) errors.push(new DataFileError(displayPath(file), problems));
  }
  return errors;
}

/** Reads data/ui.yaml and data/translations/ui/*.po; only the English is required. */
export function loadCatalog(englishFile: string, translationsDir: string): Catalog {
  const digest = createHash('sha256');
  const english = readEnglish(englishFile, (t) => digest.update(t));
  const errors: DataFileError[] = [];
  const translations = loadPoFolder(translationsDir, (t) => digest.update(t), errors);
  errors.push(...translationProblems(english, translations, translationsDir));
  if (errors.length > 0) throw new DatasetError(errors);
  return { english, translations, hash: digest.digest('hex').slice(0, 12) };
}

// Building a formatter parses the message: done once per catalog, locale and key.
const formatters = new WeakMap<Catalog, Map<string, IntlMessageFormat>>();

function formatterFor(catalog: Catalog, locale: Locale, key: UiKey): IntlMessageFormat {
  let byKey = formatters.get(catalog);
  if (!byKey) formatters.set(catalog, (byKey = new Map<string, IntlMessageFormat>()));
  const id = `${locale}\u0000${key}`;
  let formatter = byKey.get(id);
  if (!formatter) {
    const { text, state } = lookup(catalog.translations, locale, key, catalog.english[key]);
    // An English fallback is formatted with English plural rules.
    formatter = new IntlMessageFormat(
      text,
      state === 'translated' ? locale : 'en-US',
      undefined,
      ICU_OPTIONS,
    );
    byKey.set(id, formatter);
  }
  return formatter;
}

export function translate(catalog: Catalog, locale: Locale, key: UiKey, vars: Vars = {}): string {
  const formatter = formatterFor(catalog, locale, key);
  try {
    return String(formatter.format(vars));
  } catch {
    // A caller that forgot an argument gets the placeholder shown, never a failed reply.
    const shown = new Proxy(vars, { has: () => true, get: (t, k: string) => t[k] ?? `{${k}}` });
    return String(formatter.format(shown));
  }
}

/** The locale's own current translation of a string, or undefined (never the English). */
export function ownTranslation(catalog: Catalog, locale: Locale, key: UiKey): string | undefined {
  if (locale === FALLBACK_LOCALE) return catalog.english[key];
  const found = lookup(catalog.translations, locale, key, catalog.english[key]);
  return found.state === 'translated' ? found.text : undefined;
}
