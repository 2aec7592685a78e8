import { type Kysely, sql } from 'kysely';

/**
 * `devices.replaces_device_id` points at `devices` (`on delete set null`): without an index,
 * deleting one device (forgetting a deactivated one) scanned every device for rows that
 * named it — seconds each at a million devices (bench/scale.ts found it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index devices_replaces_device_idx on devices (replaces_device_id) where replaces_device_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists devices_replaces_device_idx`.execute(db);
}
