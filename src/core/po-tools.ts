import { po, type PoData, type PoEntry } from 'gettext-parser';
import { PoSyntaxError, type PoUnit } from './po-file.js';

/*
 * gettext-parser, for the tools only (data:check, data:sync): the bot reads PO files with
 * po-file.ts and never loads this library.
 */

/** gettext-parser's reading, with every problem it finds: used by the checks (data:check). */
export function validatePo(text: string): void {
  try {
    po.parse(text, { defaultCharset: 'utf-8', validation: true });
  } catch (error) {
    throw new PoSyntaxError((error as Error).message.replace(/^Error parsing PO data: /, ''));
  }
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
