import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compact } from './normalize.js';
import { DatasetSchema, type Dataset } from './dataset-schema.js';
import { DataFileError, displayPath, formatIssues, parseJson } from './load-errors.js';

export interface LoadedDataset {
  dataset: Dataset;
  /** Short content hash, so operators can tell two deployments' data apart. */
  hash: string;
  file: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Rules a schema cannot state: unique ids, and no name that two providers claim.
 * Reads the raw data defensively so these problems are reported even when others exist.
 */
export function crossEntryProblems(raw: unknown): string[] {
  const providers = asRecord(raw)?.providers;
  if (!Array.isArray(providers)) return [];
  const problems: string[] = [];
  const idAt = new Map<string, number>();
  const claimedBy = new Map<string, string>();

  providers.forEach((entry, index) => {
    const p = asRecord(entry);
    const id = typeof p?.id === 'string' ? p.id : undefined;
    if (!p || !id) return;
    const first = idAt.get(id);
    if (first !== undefined) {
      problems.push(`providers[${index}].id: duplicate id "${id}" (also providers[${first}])`);
      return;
    }
    idAt.set(id, index);
    const names = [id, p.name, ...(Array.isArray(p.aliases) ? (p.aliases as unknown[]) : [])];
    for (const name of new Set(names.filter((n): n is string => typeof n === 'string'))) {
      const key = compact(name);
      if (!key) continue;
      const owner = claimedBy.get(key);
      if (owner && owner !== id) {
        problems.push(`providers[${index}].aliases: "${name}" is already claimed by "${owner}"`);
      } else {
        claimedBy.set(key, id);
      }
    }
  });
  return problems;
}

/** Validates parsed JSON; `file` is only used to label problems. */
export function parseDataset(raw: unknown, file: string): Dataset {
  const result = DatasetSchema.safeParse(raw);
  const problems = [
    ...(result.success ? [] : formatIssues(result.error.issues)),
    ...crossEntryProblems(raw),
  ];
  if (problems.length > 0 || !result.success) throw new DataFileError(file, problems);
  return result.data;
}

export function loadDataset(file: string): LoadedDataset {
  const label = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new DataFileError(label, [`cannot read the file (${code})`]);
  }
  const dataset = parseDataset(parseJson(label, text), label);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return { dataset, hash, file };
}
