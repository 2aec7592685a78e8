import type { Kysely } from 'kysely';

/**
 * The last group of a key (`7QX2M`), kept when it is spent, so a subscription card can
 * show which key it came from. Four random symbols and the check symbol: 20 of the key's
 * 100 bits, too few to rebuild or guess the other 75 random bits from. Keys spent before
 * this have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('product_keys').addColumn('last_group', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('product_keys').dropColumn('last_group').execute();
}
