import type { Kysely } from 'kysely';

/**
 * Published installers (releases/): one row per platform and version, naming the file in
 * DATA_DIR/releases and its digests, so the downloads and the update feeds never hash a
 * file on a request. The unique pair refuses publishing one version twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('releases')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('sha512', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('rollout_percent', 'integer')
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('releases_platform_version', ['platform', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('releases').execute();
}
