import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { auditDataset, TRANSLATED_LOCALES, type Coverage } from '../core/dataset-audit.js';
import { datasetPaths } from '../core/dataset-load.js';
import { loadCatalog } from '../core/i18n.js';
import { loadProviders } from '../core/load-knowledge.js';
import { DataFileError, displayPath } from '../core/load-errors.js';
import { isMain } from './is-main.js';
import { DEFAULT_DATA_DIR } from '../core/paths.js';
import { validatePo } from '../core/po-tools.js';

const USAGE = `Usage: npm run data:check [-- --strict] [-- --gaps]

Validates the dataset (data/providers/*.yaml, data/ui.yaml, data/translations/) and prints
how complete each translation is. Missing and stale translations fall back to English and are
not errors, unless --strict (used for releases). --gaps lists every missing or stale text.
Environment: DATA_DIR (default data/), PROVIDERS_FILE (deprecated).`;

/** The bot reads PO files with a fast reader; here gettext-parser checks them in full. */
function strictPoProblems(dataDir: string): string[] {
  const paths = datasetPaths(dataDir);
  return [paths.translations, paths.uiTranslations].flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => name.endsWith('.po'))
          .flatMap((name) => {
            try {
              validatePo(readFileSync(join(dir, name), 'utf8'));
              return [];
            } catch (error) {
              return [`${displayPath(join(dir, name))}: ${(error as Error).message}`];
            }
          })
      : [],
  );
}

function row(c: Coverage): string {
  const complete = TRANSLATED_LOCALES.filter((l) => c.byLocale[l].translated === c.units).length;
  const stale = TRANSLATED_LOCALES.reduce((n, l) => n + c.byLocale[l].stale, 0);
  const missing = TRANSLATED_LOCALES.reduce((n, l) => n + c.byLocale[l].missing, 0);
  return `| ${c.id} | ${c.units} | ${complete}/${TRANSLATED_LOCALES.length} | ${stale} | ${missing} |`;
}

export function runDataCheck(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        strict: { type: 'boolean', default: false },
        gaps: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
  let loaded, catalog;
  try {
    loaded = loadProviders({ dataDir, providersFile: process.env.PROVIDERS_FILE || undefined });
    const paths = datasetPaths(dataDir);
    catalog = loadCatalog(paths.ui, paths.uiTranslations);
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const poProblems = strictPoProblems(dataDir);
  if (poProblems.length > 0) {
    process.stderr.write(`${poProblems.join('\n')}\n`);
    return 1;
  }
  const today = new Date().toISOString().slice(0, 10);
  const { problems, coverage, gaps } = auditDataset(
    loaded.dataset,
    loaded.translations,
    catalog,
    today,
  );
  const stale = gaps.filter((g) => g.state === 'stale').length;
  const out = [
    `Dataset ${loaded.dataset.version}: ${loaded.dataset.providers.length} providers, ${TRANSLATED_LOCALES.length} translation locales`,
    '',
    '| provider | texts | locales complete | stale | missing |',
    '|---|---|---|---|---|',
    ...coverage.map(row),
    '',
    gaps.length === 0
      ? 'Translations: complete in every locale.'
      : `Translations: ${stale} stale and ${gaps.length - stale} missing texts; they are served in English with a marker until translated.`,
    ...(args.values.gaps
      ? gaps.map((g) => `- ${g.locale} ${g.context}: ${g.state}`)
      : gaps.length > 0
        ? ['Run `npm run data:check -- --gaps` to list them.']
        : []),
    problems.length === 0
      ? 'OK: no problems.'
      : `${problems.length} problems:\n${problems.map((p) => `- ${p}`).join('\n')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (problems.length > 0) return 1;
  if (args.values.strict && gaps.length > 0) {
    process.stderr.write(`--strict: ${gaps.length} translations missing or stale\n`);
    return 1;
  }
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = runDataCheck(process.argv.slice(2));
