import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { describeTarget, passwordOf, type DatabaseTarget } from './database-url.js';
import { reasonOf, StoreUnavailableError } from './errors.js';
import type { Database } from './schema.js';

export interface StoreLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

interface ConnectionBase {
  db: Kysely<Database>;
  target: DatabaseTarget;
  /** How the database is named to operators (password redacted). */
  label: string;
}

export type Connection =
  | (ConnectionBase & { kind: 'sqlite'; sqlite: BetterSqlite3.Database })
  | (ConnectionBase & { kind: 'postgres'; pool: pg.Pool });

const PG_INT8 = 20;

// bigint columns hold epoch milliseconds and counts, all far below 2^53: read them as numbers
// (pg's default is a string, to be safe for values we never store).
type Parser = (value: string) => unknown;
function pgTypes(types: typeof pg.types) {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary'): Parser =>
      oid === PG_INT8 && format !== 'binary'
        ? (value: string) => Number(value)
        : (types.getTypeParser(oid, 'text') as Parser)) as typeof types.getTypeParser,
  };
}

/** Removes the database password from a driver message, wherever it appears. */
export function safeReason(error: unknown, target: DatabaseTarget): string {
  const reason = reasonOf(error);
  const password = target.kind === 'postgres' ? passwordOf(target.url) : undefined;
  return password ? reason.split(password).join('***') : reason;
}

/*
 * Each driver is imported when its database is opened: a bot on SQLite never loads pg, one on
 * PostgreSQL never loads the SQLite addon (a heap snapshot showed pg's modules in every bot).
 */
async function openSqlite(file: string): Promise<BetterSqlite3.Database> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  try {
    // WAL: readers never block the writer, and a commit is one append to the -wal file.
    sqlite.pragma('journal_mode = WAL');
    // FULL: every commit is fsynced to the WAL before it returns. A commit is then on disk
    // before the bot acknowledges anything to a user, so neither kill -9 nor a power cut loses
    // it. (NORMAL would survive kill -9 too — the OS keeps the written WAL pages — but may
    // lose the last commits on power loss.) The cost is one fsync per write; writes here are
    // a few per command at most.
    sqlite.pragma('synchronous = FULL');
    // Another process (a CLI, a second bot) holding the write lock: wait rather than fail.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export async function connect(target: DatabaseTarget, logger?: StoreLogger): Promise<Connection> {
  const label = describeTarget(target);
  if (target.kind === 'sqlite') {
    let sqlite: BetterSqlite3.Database;
    try {
      sqlite = await openSqlite(target.file);
    } catch (error) {
      throw new StoreUnavailableError(
        `Cannot open the state database ${label}: ${safeReason(error, target)}`,
        { cause: error },
      );
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { kind: 'sqlite', db, sqlite, label, target };
  }

  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'vllm-status-bot',
    types: pgTypes(pg.types),
  });
  // An idle client whose server went away emits here; without a listener the process dies.
  pool.on('error', (error) => {
    logger?.warn({ reason: safeReason(error, target) }, 'PostgreSQL connection lost');
  });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreUnavailableError(
      `Cannot reach PostgreSQL at ${label}: ${safeReason(error, target)}`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, pool, label, target };
}
