import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001_initial.js';

/** Every migration, in order. Append; never edit or rename one that has shipped. */
export const MIGRATIONS: Record<string, Migration> = {
  '001_initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
