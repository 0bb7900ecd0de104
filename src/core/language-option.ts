import { resolveLocale } from './locale-resolve.js';
import { FALLBACK_LOCALE, type Locale } from './locales.js';

/**
 * `lang:de`, `lang=pt-BR`, `LANG: ja` anywhere in the text. A tag is a 2–3 letter language
 * with optional subtags (`es-419`, `zh_TW`), as BCP 47 and Slack write them.
 */
const LANGUAGE_OPTION = /(?<=^|\s)lang\s*[:=]\s*([a-z]{2,3}(?:[-_][a-z0-9]{2,8})*)(?=\s|$)/gi;

export interface LanguageOption {
  /** The text without the options, whitespace collapsed. */
  text: string;
  /** The tag of the last `lang:` option, as typed. */
  language?: string;
}

/** Removes every `lang:xx` option from free text; the last one wins. */
export function takeLanguageOption(text: string): LanguageOption {
  // The option's pattern looks behind at every position; most questions carry no option.
  if (!/lang/i.test(text)) return { text: text.replace(/\s+/g, ' ').trim() };
  let language: string | undefined;
  const rest = text
    .replace(LANGUAGE_OPTION, (_whole, tag: string) => {
      language = tag;
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { text: rest, ...(language ? { language } : {}) };
}

/**
 * The locale a language tag asks for, or undefined when it names no language the bot speaks
 * (resolveLocale alone would quietly answer in English).
 */
export function languageOverride(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  const locale = resolveLocale(tag);
  if (locale !== FALLBACK_LOCALE) return locale;
  return /^en(?:[-_]|$)/i.test(tag) ? locale : undefined;
}
