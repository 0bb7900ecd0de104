import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRANSLATED_LOCALES } from '../core/dataset-audit.js';
import { datasetPaths, loadDatasetDir } from '../core/dataset-load.js';
import { loadCatalog } from '../core/i18n.js';
import { DataFileError } from '../core/load-errors.js';
import { DEFAULT_DATA_DIR } from '../core/paths.js';
import { parsePo, type PoUnit } from '../core/po-file.js';
import { formatPo } from '../core/po-tools.js';
import { providerUnits, type TextUnit } from '../core/text-units.js';
import type { LocaleTranslations } from '../core/translations.js';
import { UI_KEYS } from '../core/ui-strings.js';

/*
 * Brings the translation files in line with the English, as gettext's msgmerge would:
 * - a text whose English changed keeps its old translation, marked fuzzy with the previous
 *   English (`#| msgid`), so translators see what changed; it is not served until reviewed;
 * - a new text gets an empty entry (or the translation of identical English elsewhere);
 * - texts that no longer exist are dropped.
 * It also writes the templates (providers.pot, ui.pot) that translation platforms read.
 */

function merge(units: readonly TextUnit[], old: LocaleTranslations | undefined): PoUnit[] {
  const byEnglish = new Map<string, string>();
  for (const entry of old?.values() ?? []) {
    if (!entry.fuzzy && entry.text) byEnglish.set(entry.source, entry.text);
  }
  return units.map((unit): PoUnit => {
    const entry = old?.get(unit.context);
    const base = { context: unit.context, english: unit.english };
    if (entry && entry.source === unit.english)
      return { ...base, text: entry.text, fuzzy: entry.fuzzy };
    if (entry?.text) return { ...base, text: entry.text, fuzzy: true, previous: entry.source };
    const same = byEnglish.get(unit.english);
    return same ? { ...base, text: same, fuzzy: false } : { ...base, text: '', fuzzy: false };
  });
}

function syncFolder(dir: string, template: string, units: readonly TextUnit[]): number {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    template,
    formatPo(
      '',
      units.map((u) => ({ ...u, text: '', fuzzy: false })),
    ),
  );
  let changed = 0;
  for (const locale of TRANSLATED_LOCALES) {
    const file = join(dir, `${locale}.po`);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const after = formatPo(locale, merge(units, before ? parsePo(before) : undefined));
    if (after !== before) {
      writeFileSync(file, after);
      changed++;
    }
  }
  return changed;
}

function main(): number {
  const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
  const paths = datasetPaths(dataDir);
  let providerTexts: TextUnit[];
  let uiTexts: TextUnit[];
  try {
    providerTexts = loadDatasetDir(dataDir).dataset.providers.flatMap(providerUnits);
    const english = loadCatalog(paths.ui, paths.uiTranslations).english;
    uiTexts = UI_KEYS.map((key) => ({ context: key, english: english[key] }));
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    process.stderr.write(
      `${error.message}\nFix these first: data:sync only runs on a valid dataset.\n`,
    );
    return 1;
  }
  const translationsDir = join(dataDir, 'translations');
  const a = syncFolder(paths.translations, join(translationsDir, 'providers.pot'), providerTexts);
  const b = syncFolder(paths.uiTranslations, join(translationsDir, 'ui.pot'), uiTexts);
  process.stdout.write(`data:sync: updated ${a} provider and ${b} UI translation files\n`);
  return 0;
}

process.exitCode = main();
