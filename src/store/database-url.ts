import path from 'node:path';
import { StoreConfigError } from './errors.js';

/** Where the state lives, decided from DATABASE_URL and STATE_DIR. */
export type DatabaseTarget =
  | { kind: 'sqlite'; /** A path, or ":memory:". */ file: string }
  | { kind: 'postgres'; url: string };

export const DEFAULT_STATE_DIR = 'state';
export const SQLITE_FILE_NAME = 'bot.db';

/** True when DATABASE_URL names a backend the store supports. */
export function isSupportedDatabaseUrl(url: string): boolean {
  return /^(sqlite:|postgres(ql)?:\/\/)/i.test(url);
}

/**
 * `sqlite:<path>` (relative to the working directory), `sqlite:///abs/path`, `sqlite::memory:`,
 * `postgres://…` or `postgresql://…`; with no URL, `<stateDir>/bot.db`.
 */
export function resolveDatabaseTarget(options: {
  databaseUrl?: string;
  stateDir?: string;
}): DatabaseTarget {
  const url = options.databaseUrl?.trim();
  if (!url) {
    const dir = options.stateDir?.trim() || DEFAULT_STATE_DIR;
    return { kind: 'sqlite', file: path.resolve(dir, SQLITE_FILE_NAME) };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (/^sqlite:/i.test(url)) {
    let rest = url.slice('sqlite:'.length);
    if (rest === ':memory:') return { kind: 'sqlite', file: ':memory:' };
    if (rest.startsWith('//')) rest = rest.slice(2);
    if (!rest) throw new StoreConfigError('DATABASE_URL: "sqlite:" needs a file path');
    return { kind: 'sqlite', file: path.resolve(rest) };
  }
  throw new StoreConfigError(
    `DATABASE_URL: unsupported scheme in ${redactDatabaseUrl(url)} (use sqlite:<path> or postgres://…)`,
  );
}

/** The URL with its password replaced, for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not parseable as a URL: hide anything between "//user:" and "@".
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/** The password of a PostgreSQL URL, for scrubbing it out of driver messages. */
export function passwordOf(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}

/** How a target is named to operators. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'postgres') return redactDatabaseUrl(target.url);
  return target.file === ':memory:' ? 'sqlite::memory:' : `sqlite:${target.file}`;
}
