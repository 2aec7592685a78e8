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
  const row = await db
    .selectFrom('sessions')
    .select([
      sql<boolean>`bool_or(
        lower(device_name) is not distinct from lower(${origin.deviceName}::text)
        and client_address is not distinct from ${origin.clientAddress}::text
      )`.as('known'),
      (eb) => eb.fn.countAll<string>().as('sessions'),
    ])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.sessions) > 0 && row.known !== true;
}
