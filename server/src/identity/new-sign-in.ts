import { sql } from 'kysely';
import type { Db } from '../db/database';

export interface SignInOrigin {
  /** What the client calls itself (`deviceName` of the sign-in), if anything. */
  deviceName: string | null;
  /** The socket address the sign-in came from. */
  clientAddress: string | null;
}

/**
 * Whether a sign-in comes from a device the account has not seen before, decided before
 * its session is stored. The rule: a device is known when an earlier session of the account
 * (live or ended) had the same device name (ignoring case) AND came from the same client
 * address. A name alone is easy to copy and an address alone is shared by a household or
 * an office, so only the pair counts; a laptop that moves to a new network therefore gets
 * one notice there, which is the cautious side. The account's very first session sends no
 * notice: it is the sign-in that follows creating the account.
 */
export async function isNewDevice(db: Db, userId: string, origin: SignInOrigin): Promise<boolean> {
  // Two index lookups (sessions_known_device_idx, sessions_user_idx) rather than a pass over
  // every session of the account: this runs on every sign-in, and sessions accumulate.
  const sameDevice = db
    .selectFrom('sessions')
    .select(sql<number>`1`.as('one'))
    .where('user_id', '=', userId)
    .where(origin.deviceName === null ? sql<boolean>`device_name is null` : sql<boolean>`lower(device_name) = lower(${origin.deviceName})`)
    .where(origin.clientAddress === null ? sql<boolean>`client_address is null` : sql<boolean>`client_address = ${origin.clientAddress}`);
  const anySession = db.selectFrom('sessions').select(sql<number>`1`.as('one')).where('user_id', '=', userId);
  const row = await db
    .selectNoFrom((eb) => [eb.exists(sameDevice).as('known'), eb.exists(anySession).as('any')])
    .executeTakeFirstOrThrow();
  return Boolean(row.any) && !row.known;
}
