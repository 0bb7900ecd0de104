import { sql, type Kysely, type Migration } from 'kysely';

// Column types both dialects understand the same way: text, integer, bigint (epoch ms).
// Migrations take an untyped handle: they must not depend on today's table types.
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('pins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('platform', 'text', (c) =>
        c.notNull().check(sql`platform in ('discord', 'slack')`),
      )
      .addColumn('workspace_id', 'text')
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('provider_id', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('pinned_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('update_to_hash', 'text')
      .addColumn('update_owner', 'text')
      .addColumn('update_lease_until', 'bigint')
      .addUniqueConstraint('pins_message_unique', ['platform', 'channel_id', 'message_id'])
      .execute();
    await db.schema.createIndex('pins_provider').on('pins').column('provider_id').execute();

    await db.schema
      .createTable('reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('platform', 'text', (c) =>
        c.notNull().check(sql`platform in ('discord', 'slack')`),
      )
      .addColumn('workspace_id', 'text')
      .addColumn('provider_id', 'text')
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('reporter_id', 'text', (c) => c.notNull())
      .addColumn('reporter_name', 'text', (c) => c.notNull())
      .addColumn('what_is_wrong', 'text', (c) => c.notNull())
      .addColumn('source_url', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('posted_at', 'bigint')
      .addColumn('post_owner', 'text')
      .addColumn('post_lease_until', 'bigint')
      .execute();
    await db.schema.createIndex('reports_created').on('reports').column('created_at').execute();

    await db.schema
      .createTable('misses')
      .addColumn('query', 'text', (c) => c.primaryKey())
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addColumn('first_seen', 'bigint', (c) => c.notNull())
      .addColumn('last_seen', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('misses_rank')
      .on('misses')
      .columns(['count', 'last_seen'])
      .execute();

    await db.schema
      .createTable('slack_installations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text')
      .addColumn('enterprise_id', 'text')
      .addColumn('is_enterprise_install', 'integer', (c) => c.notNull())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    // The layout rate-limiter-flexible's SQLite and PostgreSQL backends read and write.
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expire', 'bigint')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ['rate_limits', 'slack_installations', 'misses', 'reports', 'pins']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
