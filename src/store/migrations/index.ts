import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001_initial.js';
import { pinLead } from './002_pin_lead.js';

/** Every migration, in order. Append; never edit or rename one that has shipped. */
export const MIGRATIONS: Record<string, Migration> = {
  '001_initial': initial,
  '002_pin_lead': pinLead,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
