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

/** gettext-parser's reading, with every problem it finds: used by the checks (data:check). */
export function validatePo(text: string): void {
  try {
    po.parse(text, { defaultCharset: 'utf-8', validation: true });
  } catch (error) {
    throw new PoSyntaxError((error as Error).message.replace(/^Error parsing PO data: /, ''));
  }
}

type Field = 'msgctxt' | 'msgid' | 'msgstr' | 'skip' | 'other';

interface Entry {
  msgctxt?: string;
  msgid?: string;
  msgstr?: string;
  fuzzy: boolean;
  obsolete: boolean;
}

const KEYWORD = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$/;

function unquote(quoted: string, line: number): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw new PoSyntaxError(`malformed string at line ${line}`);
  }
}

/**
 * Reads a PO file into context → entry. A line-based reader: gettext-parser's reading took
 * most of the bot's start-up (about 1 s and most garbage collection for 31 files, measured),
 * while these files are plain UTF-8 with quoted strings that JSON.parse unescapes. A test
 * checks it reads every shipped file exactly as gettext-parser does.
 */
export function parsePo(text: string): LocaleTranslations {
  const out = new Map<string, TranslationEntry>();
  let entry: Entry = { fuzzy: false, obsolete: false };
  let field: Field = 'other';
  const flush = () => {
    if (!entry.obsolete && entry.msgctxt !== undefined && entry.msgid !== undefined) {
      out.set(entry.msgctxt, { source: entry.msgid, text: entry.msgstr ?? '', fuzzy: entry.fuzzy });
    }
    entry = { fuzzy: false, obsolete: false };
    field = 'other';
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') {
      if (entry.msgid !== undefined) flush();
      continue;
    }
    if (line.startsWith('#')) {
      if (entry.msgid !== undefined && entry.msgstr !== undefined) flush();
      if (line.startsWith('#~')) entry.obsolete = true;
      else if (line.startsWith('#,') && /\bfuzzy\b/.test(line)) entry.fuzzy = true;
      continue;
    }
    if (line.startsWith('"')) {
      if (field === 'other') throw new PoSyntaxError(`unexpected string at line ${i + 1}`);
      if (field !== 'skip') entry[field] = (entry[field] ?? '') + unquote(line, i + 1);
      continue;
    }
    const match = KEYWORD.exec(line);
    if (!match) throw new PoSyntaxError(`cannot read "${line.slice(0, 40)}" at line ${i + 1}`);
    const [, keyword, index, quoted] = match;
    if ((keyword === 'msgctxt' || keyword === 'msgid') && entry.msgstr !== undefined) flush();
    const value = unquote(quoted!, i + 1);
    if (keyword === 'msgctxt' || keyword === 'msgid') {
      entry[keyword] = value;
      field = keyword;
    } else if (keyword!.startsWith('msgstr') && (index === undefined || index === '0')) {
      entry.msgstr = value;
      field = 'msgstr';
    } else {
      field = 'skip'; // msgid_plural and further plural forms: not used by this project
    }
  }
  if (entry.msgid !== undefined) flush();
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
