import { sql } from 'kysely';
import type { Db } from '../../server/src/db/database';

/**
 * Runs `during` while nothing else can read or write `users`: a transaction holds the table
 * in ACCESS EXCLUSIVE mode (on PGlite it holds the one connection as well). An answer that
 * arrives during it was given without looking at any account.
 */
export async function whileAccountsAreHeld<T>(db: Db, during: () => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table users in access exclusive mode`.execute(trx);
    return during();
  });
}

/** `promise`'s value, or a failure naming `what` if it has not settled within `ms`. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
