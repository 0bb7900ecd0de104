import { po, type PoData, type PoEntry } from 'gettext-parser';
import type { LocaleTranslations, TranslationEntry } from './translations.js';

/*
 * gettext PO files: what Weblate, Crowdin, Pontoon and Poedit import. msgctxt names the text
 * (e.g. `deepseek/0/summary` or `overview.title`), msgid holds the English it translates.
 */

export interface PoUnit {
  context: string;
  english: string;
  text: string;
  fuzzy: boolean;
  /** The English the translation was made from, when it changed since (`#| msgid`). */
  previous?: string;
  /** A note for translators (`#.`). */
  note?: string;
}

export class PoSyntaxError extends Error {}

export function parsePo(text: string): LocaleTranslations {
  let data: PoData;
  try {
    data = po.parse(text, { defaultCharset: 'utf-8', validation: true });
  } catch (error) {
    throw new PoSyntaxError((error as Error).message.replace(/^Error parsing PO data: /, ''));
  }
  const out = new Map<string, TranslationEntry>();
  for (const [context, byId] of Object.entries(data.translations)) {
    if (context === '') continue; // the header entry
    for (const entry of Object.values(byId)) {
      out.set(context, {
        source: entry.msgid,
        text: entry.msgstr[0] ?? '',
        fuzzy: entry.comments?.flag?.split(',').some((f) => f.trim() === 'fuzzy') ?? false,
      });
    }
  }
  return out;
}

/** Line of a context in a PO text, for error messages (gettext-parser keeps no positions). */
export function lineOfContext(text: string, context: string): number | undefined {
  const at = text.indexOf(`msgctxt ${JSON.stringify(context)}`);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

function entryOf(unit: PoUnit): PoEntry {
  const comments: PoEntry['comments'] = {};
  if (unit.note) comments.extracted = unit.note;
  if (unit.fuzzy) comments.flag = 'fuzzy';
  if (unit.previous !== undefined) comments.previous = `msgid ${JSON.stringify(unit.previous)}`;
  return { msgctxt: unit.context, msgid: unit.english, msgstr: [unit.text], comments };
}

/** Writes units in the given order, unfolded, so a one-word change is a one-line diff. */
export function formatPo(language: string, units: readonly PoUnit[]): string {
  const translations: PoData['translations'] = {
    '': { '': { msgid: '', msgstr: [''] } },
  };
  for (const unit of units) {
    (translations[unit.context] ??= {})[unit.english] = entryOf(unit);
  }
  const data: PoData = {
    charset: 'utf-8',
    headers: {
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
      Language: language,
    },
    translations,
  };
  return `${po.compile(data, { foldLength: 0 }).toString('utf8').trimEnd()}\n`;
}
