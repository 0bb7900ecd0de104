import { takeLanguageOption } from '../core/language-option.js';
import { unescapeText } from './escape.js';

export { languageOverride } from '../core/language-option.js';

export interface ParsedCommand {
  /** What to look up; empty for the overview. */
  query: string;
  /** The language tag the user asked for with `lang:xx` / `lang=xx`, as typed. */
  language?: string;
}

/** Words that ask for the overview instead of a provider. */
const OVERVIEW_WORDS = new Set(['help', 'list', '?']);

/**
 * Turns the text after `/vllm` into a query and an optional language. Slack may send `&`,
 * `<` and `>` escaped; they are decoded here so the query reads as typed (the renderer
 * escapes again). The last language option wins; the options are removed from the query.
 */
export function parseCommand(text: string): ParsedCommand {
  const { text: query, language } = takeLanguageOption(unescapeText(text));
  const overview = query === '' || OVERVIEW_WORDS.has(query.toLowerCase());
  return { query: overview ? '' : query, ...(language ? { language } : {}) };
}
