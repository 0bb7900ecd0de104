import { loadDataset } from './dataset-load.js';
import { loadCatalog } from './i18n.js';
import { createKnowledge, type Knowledge } from './knowledge.js';
import { DEFAULT_PROVIDERS_FILE, LOCALES_DIR } from './paths.js';

export interface KnowledgeFiles {
  providersFile?: string;
  localesDir?: string;
}

/** Reads and validates everything from disk; throws a DataFileError listing every problem. */
export function loadKnowledge(files: KnowledgeFiles = {}): Knowledge {
  const { dataset, hash } = loadDataset(files.providersFile ?? DEFAULT_PROVIDERS_FILE);
  const catalog = loadCatalog(files.localesDir ?? LOCALES_DIR);
  return createKnowledge(dataset, catalog, hash);
}
