import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '../runtime/config.js';
import { loadEnvFile } from '../runtime/env-file.js';
import { describeTarget, resolveDatabaseTarget } from '../store/database-url.js';
import { StoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';

export type StateOpening =
  | { kind: 'open'; store: Store }
  | { kind: 'none'; location: string }
  | { kind: 'failed'; exitCode: number };

/**
 * Opens the state the bot is configured with (.env, STATE_DIR, DATABASE_URL), as the bot
 * would. A SQLite file that does not exist yet is reported, not created: listing state on a
 * fresh clone leaves no file behind.
 */
export async function openConfiguredState(): Promise<StateOpening> {
  let state;
  try {
    loadEnvFile();
    state = loadConfig(process.env).state;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return { kind: 'failed', exitCode: 2 };
  }
  try {
    const target = resolveDatabaseTarget(state);
    if (target.kind === 'sqlite' && target.file !== ':memory:' && !existsSync(target.file)) {
      return { kind: 'none', location: describeTarget(target) };
    }
    const { openStore } = await import('../store/store.js');
    return { kind: 'open', store: await openStore(state) };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return { kind: 'failed', exitCode: 1 };
  }
}

/** User-written text for a terminal: control characters (escape sequences) made visible. */
export function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) =>
    c === '\n' || c === '\t' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** "2026-01-31 14:05 UTC" */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The shared options of the listing commands (`--limit`, `--help`): the limit, or the exit code
 * when there is nothing to list (help shown: 0; bad usage: 2).
 */
export function parseListArgs(
  argv: string[],
  usage: string,
  fallback: number,
): { limit: number } | { exitCode: number } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        limit: { type: 'string', short: 'n' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return { exitCode: 2 };
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return { exitCode: 0 };
  }
  const limit = parseLimit(values.limit, fallback);
  if (limit === undefined) {
    process.stderr.write(`--limit must be a whole number from 1 to 1000\n\n${usage}\n`);
    return { exitCode: 2 };
  }
  return { limit };
}

function parseLimit(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : undefined;
}
