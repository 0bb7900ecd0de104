import { resolveLocale } from '../core/locale-resolve.js';
import { FALLBACK_LOCALE, type Locale } from '../core/locales.js';
import { unescapeText } from './escape.js';

export interface ParsedCommand {
  /** What to look up; empty for the overview. */
  query: string;
  /** The language tag the user asked for with `lang:xx` / `lang=xx`, as typed. */
  language?: string;
}

/**
 * `lang:de`, `lang=pt-BR`, `LANG: ja` anywhere in the text. A tag is a 2–3 letter language
 * with optional subtags (`es-419`, `zh_TW`), as BCP 47 and Slack write them.
 */
const LANGUAGE_OPTION = /(?<=^|\s)lang\s*[:=]\s*([a-z]{2,3}(?:[-_][a-z0-9]{2,8})*)(?=\s|$)/gi;

/** Words that ask for the overview instead of a provider. */
const OVERVIEW_WORDS = new Set(['help', 'list', '?']);

/**
 * Turns the text after `/vllm` into a query and an optional language. Slack may send `&`,
 * `<` and `>` escaped; they are decoded here so the query reads as typed (the renderer
 * escapes again). The last language option wins; the options are removed from the query.
 */
export function parseCommand(text: string): ParsedCommand {
  let language: string | undefined;
  const query = unescapeText(text)
    .replace(LANGUAGE_OPTION, (_whole, tag: string) => {
      language = tag;
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  const overview = query === '' || OVERVIEW_WORDS.has(query.toLowerCase());
  return { query: overview ? '' : query, ...(language ? { language } : {}) };
}

/**
 * The locale a `lang:` option asks for, or undefined when the tag names no language the bot
 * speaks (then the user's own locale applies, rather than silently switching to English).
 */
export function languageOverride(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  const locale = resolveLocale(tag);
  if (locale !== FALLBACK_LOCALE) return locale;
  return /^en(?:[-_]|$)/i.test(tag) ? locale : undefined;
}
