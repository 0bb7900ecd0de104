import type { Locale } from './locales.js';

/**
 * A translated text is tied to the exact English it translates (gettext's msgid). When the
 * English changes, the translation is stale and is not served: that one text falls back to
 * English, so an answer is never wrong in one language after a correction in another.
 */
export interface TranslationEntry {
  /** The English this translation was made from. */
  source: string;
  text: string;
  /** Marked for review by a translator or a merge tool (gettext's `#, fuzzy`). */
  fuzzy: boolean;
}

/** context (msgctxt) → entry, for one locale. */
export type LocaleTranslations = ReadonlyMap<string, TranslationEntry>;
export type TranslationSet = Partial<Record<Locale, LocaleTranslations>>;

export type UnitState = 'translated' | 'stale' | 'missing';

export interface Lookup {
  text: string;
  state: UnitState;
}

export function unitState(entry: TranslationEntry | undefined, english: string): UnitState {
  if (!entry || entry.text === '') return 'missing';
  return entry.fuzzy || entry.source !== english ? 'stale' : 'translated';
}

/** The text to show: the translation when it is current, the English otherwise. */
export function lookup(
  set: TranslationSet,
  locale: Locale,
  context: string,
  english: string,
): Lookup {
  const entry = set[locale]?.get(context);
  const state = unitState(entry, english);
  return { text: state === 'translated' ? entry!.text : english, state };
}
