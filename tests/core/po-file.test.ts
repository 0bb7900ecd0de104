import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { po } from 'gettext-parser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../src/core/paths.js';
import { createInterner, parsePo, PoSyntaxError } from '../../src/core/po-file.js';
import { formatPo, validatePo } from '../../src/core/po-tools.js';

/** What gettext-parser reads: context → entry, as the bot uses it. */
function reference(text: string) {
  const data = po.parse(text, { defaultCharset: 'utf-8' });
  const out = new Map<string, { source: string; text: string; fuzzy: boolean }>();
  for (const [context, byId] of Object.entries(data.translations)) {
    if (context === '') continue;
    for (const e of Object.values(byId)) {
      out.set(context, {
        source: e.msgid,
        text: e.msgstr[0] ?? '',
        fuzzy: /\bfuzzy\b/.test(e.comments?.flag ?? ''),
      });
    }
  }
  return out;
}

describe('the PO reader', () => {
  const files = ['providers', 'ui'].flatMap((kind) => {
    const dir = join(DEFAULT_DATA_DIR, 'translations', kind);
    return readdirSync(dir).map((name) => join(dir, name));
  });

  it('reads every shipped translation file exactly as gettext-parser does', () => {
    expect(files.length).toBeGreaterThanOrEqual(62);
    // One interner for all files, as the loader shares one per folder: it must change nothing.
    const intern = createInterner();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(parsePo(text, intern), file).toEqual(reference(text));
    }
  });

  it('round-trips what formatPo writes: fuzzy marks, previous English, escapes, line breaks', () => {
    const text = formatPo('de', [
      { context: 'a/0/summary', english: 'Say "hi"\nthen\\go', text: 'Sag „hi“', fuzzy: false },
      { context: 'a/0/details', english: 'New', text: 'Alt', fuzzy: true, previous: 'Old' },
      { context: 'b/0/details', english: 'Untranslated', text: '', fuzzy: false },
    ]);
    expect(parsePo(text)).toEqual(reference(text));
    expect(parsePo(text).get('a/0/details')).toEqual({ source: 'New', text: 'Alt', fuzzy: true });
  });

  it('skips obsolete entries and plural forms it does not use', () => {
    const text = [
      'msgctxt "a"',
      'msgid "one"',
      'msgid_plural "many"',
      'msgstr[0] "eins"',
      'msgstr[1] "viele"',
      '',
      '#~ msgctxt "gone"',
      '#~ msgid "old"',
      '#~ msgstr "alt"',
      '',
    ].join('\n');
    expect(parsePo(text)).toEqual(new Map([['a', { source: 'one', text: 'eins', fuzzy: false }]]));
  });

  it('names the line of a broken file, and the full check agrees it is broken', () => {
    const broken = 'msgctxt "a"\nmsgid "x"\nmsgstr "unterminated\n';
    expect(() => parsePo(broken)).toThrow(PoSyntaxError);
    expect(() => parsePo(broken)).toThrow(/line 3/);
    expect(() => validatePo(broken)).toThrow(PoSyntaxError);
    expect(() => parsePo('msgctxt "a"\nbogus line\n')).toThrow(/line 2/);
  });
});
