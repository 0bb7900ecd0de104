import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { LoadedDataset } from '../../src/core/dataset-load.js';
import type { Provider } from '../../src/core/dataset-schema.js';
import { DEFAULT_DATA_DIR } from '../../src/core/paths.js';
import { tempDir } from './temp-dirs.js';

export { tempDir };

export function provider(id: string, overrides: Partial<Provider> = {}): Provider {
  return {
    id,
    name: id.toUpperCase(),
    kind: 'provider',
    aliases: [],
    findings: [
      {
        status: 'production',
        summary: `${id} summary`,
        details: `${id} details`,
        sources: [
          {
            title: 'Source',
            url: `https://${id}.example.org/`,
            publisher: 'Example',
            date: '2025-01-01',
            primary: true,
          },
        ],
      },
    ],
    reviewed: '2026-01-01',
    ...overrides,
  };
}

export function dataset(providers: Provider[]): LoadedDataset {
  return {
    dataset: { version: 'test-1', providers, unlisted: [] },
    translations: {},
    hash: 'test',
  };
}

/** Writes `content` (a string is written as is) to a fresh temp file and returns its path. */
export function tempFile(content: unknown, name = 'providers.json'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

/** A copy of the shipped dataset folder, to edit freely. */
export function copyOfShippedData(): string {
  const dir = join(tempDir(), 'data');
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  return dir;
}

/**
 * A dataset folder holding these providers (objects are written as YAML, strings as is) and
 * the shipped UI strings; `po` adds provider translation files by locale.
 */
export function datasetDir(
  providers: Record<string, unknown> | unknown[],
  po: Record<string, string> = {},
): string {
  const dir = join(tempDir(), 'data');
  mkdirSync(join(dir, 'providers'), { recursive: true });
  const entries = Array.isArray(providers)
    ? providers.map((p) => [(p as { id: string }).id, p] as const)
    : Object.entries(providers);
  for (const [name, content] of entries) {
    const text = typeof content === 'string' ? content : stringify(content);
    writeFileSync(join(dir, 'providers', `${name}.yaml`), text);
  }
  cpSync(join(DEFAULT_DATA_DIR, 'ui.yaml'), join(dir, 'ui.yaml'));
  cpSync(join(DEFAULT_DATA_DIR, 'translations', 'ui'), join(dir, 'translations', 'ui'), {
    recursive: true,
  });
  mkdirSync(join(dir, 'translations', 'providers'), { recursive: true });
  for (const [locale, text] of Object.entries(po)) {
    writeFileSync(join(dir, 'translations', 'providers', `${locale}.po`), text);
  }
  return dir;
}
