import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, Provider } from '../../src/core/dataset-schema.js';
import { tempDir } from './temp-dirs.js';

export function provider(id: string, overrides: Partial<Provider> = {}): Provider {
  return {
    id,
    name: id.toUpperCase(),
    aliases: [],
    findings: [
      {
        status: 'production',
        summary: { 'en-US': `${id} summary` },
        details: { 'en-US': `${id} details` },
        asOf: '2025-01-01',
        sources: [{ title: 'Source', url: `https://example.com/${id}`, publisher: 'Example' }],
      },
    ],
    reviewed: '2026-01-01',
    ...overrides,
  };
}

export function dataset(providers: Provider[]): Dataset {
  return { version: 'test-1', providers };
}

/**
 * Writes `content` (a string is written as is) to a file in a fresh temp folder and returns its
 * path; the folder is removed after the test file.
 */
export function tempFile(content: unknown, name = 'providers.json'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}
