import type { Db } from '../db/database';
import type { ComponentKeys } from './component-keys';

const BATCH = 500;

/**
 * Devices stored before the service secret hold the client's own hashes: key them once,
 * at start (a migration has no secret). Each batch locks its rows (`FOR UPDATE`); an
 * instance starting at the same moment waits, then finds them keyed and skips them, so no
 * row is keyed twice. Returns how many rows were keyed.
 */
export async function rekeyStoredComponents(db: Db, keys: ComponentKeys): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('devices')
        .select(['id', 'fingerprint', 'components'])
        .where('components_keyed', '=', false)
        .orderBy('id')
        .limit(BATCH)
        .forUpdate()
        .execute();
      for (const row of rows) {
        await trx
          .updateTable('devices')
          .set({ fingerprint: keys.key(row.fingerprint), components: keys.keyAll(row.components), components_keyed: true })
          .where('id', '=', row.id)
          .where('components_keyed', '=', false)
          .execute();
      }
      return rows.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}
