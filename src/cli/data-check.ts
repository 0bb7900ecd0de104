import { auditDataset } from '../core/dataset-audit.js';
import { loadDataset } from '../core/dataset-load.js';
import { loadCatalog } from '../core/i18n.js';
import { DataFileError } from '../core/load-errors.js';
import { SUPPORTED_LOCALES } from '../core/locales.js';
import { DEFAULT_PROVIDERS_FILE, LOCALES_DIR } from '../core/paths.js';

// Validates the dataset and the UI strings, and prints how complete each provider is.
function main(): number {
  const file = process.env.PROVIDERS_FILE || DEFAULT_PROVIDERS_FILE;
  let loaded, catalog;
  try {
    loaded = loadDataset(file);
    catalog = loadCatalog(LOCALES_DIR);
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const today = new Date().toISOString().slice(0, 10);
  const { problems, coverage } = auditDataset(loaded.dataset, catalog, today);

  const rows = coverage.map((c) => {
    const complete = SUPPORTED_LOCALES.filter((l) => c.present[l] === c.texts).length;
    return `| ${c.id} | ${complete}/${SUPPORTED_LOCALES.length} | ${c.sources} | ${c.oldestFact} |`;
  });
  const out = [
    `Dataset ${loaded.dataset.version} (${loaded.hash}): ${coverage.length} providers, ${SUPPORTED_LOCALES.length} locales`,
    '',
    '| provider | locales complete | sources | oldest fact |',
    '|---|---|---|---|',
    ...rows,
    '',
    problems.length === 0
      ? 'OK: no problems.'
      : `${problems.length} problems:\n${problems.map((p) => `- ${p}`).join('\n')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main();
