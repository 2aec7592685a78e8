import { type RawBuilder, sql } from 'kysely';

export interface SignInOrigin {
  /** What the client calls itself (`deviceName` of the sign-in), if anything. */
  deviceName: string | null;
  /** The socket address the sign-in came from. */
  clientAddress: string | null;
}

/**
 * Whether a sign-in comes from a device the account has not seen before, as a SQL
 * condition on the sessions stored before this one. The rule: a device is known when an
 * earlier session of the account (live or ended) had the same device name (ignoring case)
 * AND came from the same client address. A name alone is easy to copy and an address alone
 * is shared by a household or an office, so only the pair counts; a laptop that moves to a
 * new network therefore gets one notice there, which is the cautious side. The account's
 * very first session sends no notice: it is the sign-in that follows creating the account.
 *
 * It is evaluated inside the statement that stores the new session (sessions.ts), which
 * sees the sessions as they were before it: one statement fewer on every sign-in. Two
 * index lookups (sessions_known_device_idx, sessions_user_idx) rather than a pass over
 * every session of the account, since sessions accumulate.
 */
export function isNewDeviceCondition(userId: string, origin: SignInOrigin): RawBuilder<boolean> {
  const sameName = origin.deviceName === null ? sql`device_name is null` : sql`lower(device_name) = lower(${origin.deviceName}::text)`;
  const sameAddress = origin.clientAddress === null ? sql`client_address is null` : sql`client_address = ${origin.clientAddress}::text`;
  return sql<boolean>`(
    exists (select 1 from sessions where user_id = ${userId}::uuid)
    and not exists (select 1 from sessions where user_id = ${userId}::uuid and ${sameName} and ${sameAddress})
  )`;
}
