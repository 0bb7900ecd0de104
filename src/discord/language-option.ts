import { ownTranslation, type Catalog } from '../core/i18n.js';
import { resolveLocale } from '../core/locale-resolve.js';
import { FALLBACK_LOCALE, SUPPORTED_LOCALES, isLocale, type Locale } from '../core/locales.js';

/**
 * The `language` option. Discord allows 25 fixed choices and we speak 32 languages, so the
 * option uses autocomplete over every locale, each under its own name ("Deutsch", "日本語"),
 * and a typed value that was not picked from the list is still understood.
 */

const englishNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** A locale's name in that language, from data/locales, else from ICU. */
export function languageName(catalog: Catalog, locale: Locale): string {
  const own = ownTranslation(catalog, locale, 'language.name');
  if (own) return own;
  return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * Locales whose code, own name or English name contains what was typed; the asker's own
 * language first when nothing is typed yet.
 */
export function languageChoices(
  catalog: Catalog,
  typed: string,
  mine: Locale,
): { locale: Locale; name: string }[] {
  const query = fold(typed);
  const all = SUPPORTED_LOCALES.map((locale) => ({ locale, name: languageName(catalog, locale) }));
  if (!query)
    return [...all.filter((l) => l.locale === mine), ...all.filter((l) => l.locale !== mine)];
  return all.filter(
    (l) =>
      fold(l.locale).startsWith(query) ||
      fold(l.name).includes(query) ||
      fold(englishNames.of(l.locale) ?? '').includes(query),
  );
}

// Own and English names of every locale, folded; built once per catalog, not per keystroke.
const namesByCatalog = new WeakMap<Catalog, Map<string, Locale>>();

function localeNames(catalog: Catalog): Map<string, Locale> {
  let names = namesByCatalog.get(catalog);
  if (!names) {
    names = new Map();
    for (const locale of [...SUPPORTED_LOCALES].reverse()) {
      names.set(fold(englishNames.of(locale) ?? locale), locale);
      names.set(fold(languageName(catalog, locale)), locale);
    }
    namesByCatalog.set(catalog, names);
  }
  return names;
}

/** The locale a `language` value names, or undefined when it names none we speak. */
export function parseLanguage(
  catalog: Catalog,
  value: string | null | undefined,
): Locale | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (isLocale(text)) return text;
  const folded = fold(text);
  const byName = localeNames(catalog).get(folded);
  if (byName) return byName;
  const resolved = resolveLocale(text);
  // resolveLocale falls back to en-US for anything it does not know: only trust it for English.
  return resolved !== FALLBACK_LOCALE || folded.startsWith('en') ? resolved : undefined;
}
