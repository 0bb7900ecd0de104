import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDate } from '../../src/core/format.js';
import { translate } from '../../src/core/i18n.js';
import type { Knowledge } from '../../src/core/knowledge.js';
import type { Locale } from '../../src/core/locales.js';

/**
 * Shared by the pinned-answer end-to-end tests: changing a provider in a dataset folder the
 * way an operator would (its English text; the translations then fall back to English with
 * their marker), and the "updated" line the bot must add.
 */

/** Puts `marker` in front of the first summary of `providerId`'s file; returns the new text. */
export function changeProvider(dataDir: string, providerId: string, marker: string): void {
  const file = join(dataDir, 'providers', `${providerId}.yaml`);
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(/^(\s+summary: )/m, `$1${marker} `);
  if (changed === text) throw new Error(`no summary in ${file}`);
  writeFileSync(file, changed);
}

/** The "updated" line in `locale` for an edit made today. */
export function updatedLine(knowledge: Knowledge, locale: Locale, at = new Date()): string {
  const date = formatDate(at.toISOString().slice(0, 10), locale);
  return translate(knowledge.catalog, locale, 'pin.updated', { date });
}

export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
