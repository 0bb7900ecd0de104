import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, found from this file so it works from src/ and dist/. */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot();
/** The shipped dataset: providers/, translations/ and ui.yaml. */
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, 'data');
export const PROVIDER_SCHEMA_FILE = join(DEFAULT_DATA_DIR, 'provider.schema.json');
export const ANSWER_SCHEMA_FILE = join(DEFAULT_DATA_DIR, 'answer.schema.json');

export function resolveFromCwd(path: string): string {
  return resolve(process.cwd(), path);
}
