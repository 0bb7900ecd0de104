import { statSync } from 'node:fs';
import { datasetPaths, loadDatasetDir, type LoadedDataset } from './dataset-load.js';
import { loadCatalog } from './i18n.js';
import { createKnowledge, type Knowledge } from './knowledge.js';
import { loadLegacyJson } from './legacy-dataset.js';
import { DEFAULT_DATA_DIR } from './paths.js';

export interface KnowledgeFiles {
  /** A dataset folder (providers/, translations/, ui.yaml); default the shipped data/. */
  dataDir?: string;
  /** Deprecated: a 0.1 single-file JSON dataset, read instead of `<dataDir>/providers`. */
  providersFile?: string;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The providers and their translations, from the dataset folder or a legacy JSON file. */
export function loadProviders(files: KnowledgeFiles = {}): LoadedDataset {
  if (files.providersFile && isFile(files.providersFile))
    return loadLegacyJson(files.providersFile);
  return loadDatasetDir(files.providersFile ?? files.dataDir ?? DEFAULT_DATA_DIR);
}

/** Reads and validates everything from disk; throws a DataFileError listing every problem. */
export function loadKnowledge(files: KnowledgeFiles = {}): Knowledge {
  const loaded = loadProviders(files);
  const paths = datasetPaths(files.dataDir ?? DEFAULT_DATA_DIR);
  const catalog = loadCatalog(paths.ui, paths.uiTranslations);
  return createKnowledge(loaded, catalog);
}
