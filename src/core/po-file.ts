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

/** Returns the first string seen with the same contents (see `parsePo`). */
export type Interner = (text: string) => string;

export function createInterner(): Interner {
  const seen = new Map<string, string>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
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
 *
 * `intern` gives every English text and context one string in memory: the 31 files of a folder
 * repeat the same English (msgid) and contexts, about 4 MB of copies in the bot's heap
 * (measured on a heap snapshot).
 */
export function parsePo(text: string, intern: Interner = createInterner()): LocaleTranslations {
  const out = new Map<string, TranslationEntry>();
  let entry: Entry = { fuzzy: false, obsolete: false };
  let field: Field = 'other';
  const flush = () => {
    if (!entry.obsolete && entry.msgctxt !== undefined && entry.msgid !== undefined) {
      out.set(intern(entry.msgctxt), {
        source: intern(entry.msgid),
        text: entry.msgstr ?? '',
        fuzzy: entry.fuzzy,
      });
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
