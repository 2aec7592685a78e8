import { type Kysely, sql } from 'kysely';

/**
 * Offline leases cannot be recalled, so freeing seats is bounded (docs/api.md, "Devices"):
 * `seat_changes` records each deactivation and move of an active device, one row per
 * device (a device is deactivated once), and outlives the device being forgotten. Devices
 * deactivated before it existed are recorded from their own rows, so the limit counts them.
 *
 * `devices.components_keyed` says whether `components` and `fingerprint` are already
 * hashed again with the service secret. Rows from before are not; the service keys them
 * once at start (devices/rekey-components.ts), as a migration has no secret to do it with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('seat_changes')
    .addColumn('device_id', 'uuid', (c) => c.primaryKey())
    .addColumn('subscription_id', 'uuid', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('removed', 'transferred')`))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('seat_changes_subscription_idx').on('seat_changes').columns(['subscription_id', 'changed_at']).execute();
  await sql`
    insert into seat_changes (device_id, subscription_id, reason, changed_at)
    select id, subscription_id, deactivated_reason, deactivated_at from devices
    where status = 'deactivated' and deactivated_at is not null and deactivated_reason is not null
  `.execute(db);
  await db.schema
    .alterTable('devices')
    .addColumn('components_keyed', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').dropColumn('components_keyed').execute();
  await db.schema.dropTable('seat_changes').ifExists().execute();
}
