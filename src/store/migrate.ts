import { Migrator, sql } from 'kysely';
import { safeReason, type Connection } from './connect.js';
import { StoreError } from './errors.js';
import { migrationProvider } from './migrations/index.js';

/**
 * Applies every pending migration. Safe when several processes start at once:
 * - PostgreSQL: Kysely's migrator holds a session advisory lock (pg_advisory_lock) around
 *   reading the applied list and running the rest, inside one transaction.
 * - SQLite: Kysely takes no lock there (it assumes one connection), so we wrap the run in
 *   BEGIN IMMEDIATE, which takes the file's write lock; a second process waits (busy_timeout)
 *   and then finds nothing left to do. It also makes the migration all-or-nothing.
 */
export async function migrateToLatest(connection: Connection): Promise<string[]> {
  if (connection.kind === 'postgres') return runMigrations(connection);
  // Within one process, a second connection waiting on BEGIN IMMEDIATE would block the event
  // loop (better-sqlite3 waits synchronously) while the first migration needs it to finish:
  // queue openings of the same file instead.
  const file = connection.target.kind === 'sqlite' ? connection.target.file : '';
  const previous = sqliteMigrations.get(file) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => runMigrations(connection));
  sqliteMigrations.set(file, current);
  try {
    return await current;
  } finally {
    if (sqliteMigrations.get(file) === current) sqliteMigrations.delete(file);
  }
}

const sqliteMigrations = new Map<string, Promise<unknown>>();

async function runMigrations(connection: Connection): Promise<string[]> {
  const migrator = new Migrator({ db: connection.db, provider: migrationProvider });
  if (connection.kind === 'sqlite') await sql`begin immediate`.execute(connection.db);
  const { error, results } = await migrator.migrateToLatest();
  if (connection.kind === 'sqlite') {
    await sql.raw(error ? 'rollback' : 'commit').execute(connection.db);
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new StoreError(
      `Cannot migrate the state database ${connection.label}${failed ? ` (migration ${failed})` : ''}: ${safeReason(error, connection.target)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
