import { type Kysely, sql } from 'kysely';

/**
 * Protection: product keys, subscriptions, devices (seats), idempotency records and device
 * invitations. A subscription's status is derived from `expires_at` and never stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('plan', 'text', (c) => c.notNull().check(sql`plan in ('essentials', 'family', 'max')`))
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats > 0`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('auto_renew', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subscriptions_user_idx').on('subscriptions').column('user_id').execute();

  await db.schema
    .createTable('product_keys')
    // sha256 of the canonical key (20 symbols, no dashes); the key itself is never stored.
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('plan', 'text', (c) => c.notNull().check(sql`plan in ('essentials', 'family', 'max')`))
    .addColumn('term_years', 'integer', (c) => c.notNull().check(sql`term_years between 1 and 10`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('used_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('subscription_id', 'uuid', (c) => c.references('subscriptions.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('subscription_id', 'uuid', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('os', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('app_version', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    // HMAC-SHA256 hashes of the machine's parts; `&&` (overlap) finds candidates for the same-machine rule.
    .addColumn('components', sql`text[]`, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'deactivated')`))
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deactivated_at', 'timestamptz')
    .addColumn('deactivated_reason', 'text', (c) => c.check(sql`deactivated_reason in ('removed', 'transferred')`))
    // Set on the device a transfer created: the one it replaced (deactivated in the same transaction).
    .addColumn('replaces_device_id', 'uuid', (c) => c.references('devices.id').onDelete('set null'))
    .addCheckConstraint(
      'devices_deactivation_consistent',
      sql`(status = 'active') = (deactivated_at is null and deactivated_reason is null)`,
    )
    .execute();
  await db.schema.createIndex('devices_user_idx').on('devices').columns(['user_id', 'last_seen_at']).execute();
  await sql`create index devices_active_subscription_idx on devices (subscription_id) where status = 'active'`.execute(db);

  await db.schema
    .createTable('idempotency_records')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // Null only inside the transaction that claimed the key; set before it commits.
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_records_pk', ['user_id', 'key'])
    .execute();

  await db.schema
    .createTable('device_invitations')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('device_invitations_user_idx').on('device_invitations').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['device_invitations', 'idempotency_records', 'devices', 'product_keys', 'subscriptions']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
