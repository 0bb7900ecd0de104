import type { Kysely, Migration } from 'kysely';

/**
 * Which finding a pinned provider answer leads with (a model name asked about puts its own
 * finding first), so the updater renders the same answer again. 0 for the provider itself.
 */
export const pinLead: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('pins')
      .addColumn('lead', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
