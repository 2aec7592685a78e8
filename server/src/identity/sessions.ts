import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AccountSession } from '../../../shared/contract/security';
import type { SessionEndReason as EndReasonForEvents } from '../../../shared/api/events';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import type { Session } from '../db/schema';
import { recordAccountEvents } from '../events/account-events';
import { ServiceError } from '../http/service-error';
import { isNewDeviceCondition, type SignInOrigin } from './new-sign-in';
import { hashToken, newSecretToken } from './secret-tokens';

/** A refresh token not used for this long expires, and with it the session. */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type SessionEndReason =
  | 'sign_out'
  | 'sign_out_all'
  | 'ended_from_list'
  | 'refresh_reused'
  | 'password_changed'
  | 'password_reset';

const refreshInvalid = () =>
  new ServiceError('REFRESH_INVALID', 'Your session has ended. Sign in again.');

/**
 * Starts a session (a new refresh-token family) and returns its first refresh token, and
 * whether it comes from a device the account has not seen before (new-sign-in.ts).
 */
export async function startSession(
  db: Db,
  input: { userId: string; origin: SignInOrigin; now: Date },
): Promise<{ sessionId: string; refreshToken: string; fromNewDevice: boolean }> {
  const { userId, origin, now } = input;
  const sessionId = randomUUID();
  const refreshToken = newSecretToken();
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  // One statement, so the session and its first token exist together or not at all,
  // without the round trips of a transaction (this is on every sign-in). Its parts share
  // one snapshot, so the new-device check sees only the sessions from before this one.
  const { rows } = await sql<{ from_new_device: boolean }>`
    with session as (
      insert into sessions (id, user_id, device_name, client_address, created_at, last_used_at)
      values (${sessionId}::uuid, ${userId}::uuid, ${origin.deviceName}::text, ${origin.clientAddress}::text, ${now}::timestamptz, ${now}::timestamptz)
      returning id
    ), first_token as (
      insert into refresh_tokens (token_hash, session_id, created_at, expires_at)
      select ${hashToken(refreshToken)}::text, id, ${now}::timestamptz, ${expiresAt}::timestamptz from session
    )
    select ${isNewDeviceCondition(userId, origin)} as from_new_device`.execute(db);
  return { sessionId, refreshToken, fromNewDevice: Boolean(rows[0]?.from_new_device) };
}

/**
 * Trades a refresh token for the next one in its family. Each token works once: a token
 * that was already used means it leaked (or was replayed), so the whole family is revoked
 * and the caller gets REFRESH_REUSED.
 */
export async function rotateRefreshToken(
  db: Db,
  refreshToken: string,
  now: Date,
): Promise<{ userId: string; sessionId: string; refreshToken: string }> {
  const tokenHash = hashToken(refreshToken);
  const next = newSecretToken();

  const rotated = await db.transaction().execute(async (trx) => {
    // Claiming with a conditional update makes two racing refreshes of one token exclusive.
    const claimed = await trx
      .updateTable('refresh_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('session_id')
      .executeTakeFirst();
    if (!claimed) return null;

    const session = await trx
      .updateTable('sessions')
      .set({ last_used_at: now })
      .where('id', '=', claimed.session_id)
      .where('revoked_at', 'is', null)
      .returning(['id', 'user_id'])
      .executeTakeFirst();
    if (!session) return { revoked: true as const };

    await trx
      .insertInto('refresh_tokens')
      .values({
        token_hash: hashToken(next),
        session_id: session.id,
        created_at: now,
        expires_at: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
        used_at: null,
      })
      .execute();
    return { userId: session.user_id, sessionId: session.id };
  });

  if (rotated && 'revoked' in rotated) throw refreshInvalid();
  if (rotated) return { userId: rotated.userId, sessionId: rotated.sessionId, refreshToken: next };

  const known = await db
    .selectFrom('refresh_tokens')
    .select(['session_id', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (known?.used_at) {
    await revokeSessions(db, { sessionId: known.session_id, now, reason: 'refresh_reused' });
    throw new ServiceError(
      'REFRESH_REUSED',
      'This session was used from somewhere else, so we ended it to keep your account safe. Sign in again.',
    );
  }
  throw refreshInvalid();
}

/** Ends the session a refresh token belongs to, whatever state the token is in. */
export async function endSessionOfRefreshToken(db: Db, refreshToken: string, now: Date): Promise<void> {
  const known = await db
    .selectFrom('refresh_tokens')
    .select('session_id')
    .where('token_hash', '=', hashToken(refreshToken))
    .executeTakeFirst();
  if (known) await revokeSessions(db, { sessionId: known.session_id, now, reason: 'sign_out' });
}

/**
 * Revokes one session (`sessionId`) or every session of a user (`userId`), optionally
 * keeping one (`except`). Revoked sessions' refresh and access tokens stop working.
 */
export async function revokeSessions(
  db: Db,
  target: { sessionId?: string; userId?: string; except?: string; now: Date; reason: SessionEndReason },
): Promise<number> {
  // The revocation and its session.revoked events together, in the caller's transaction or one of their own.
  if (!db.isTransaction) return db.transaction().execute((trx) => revokeSessions(trx, target));
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: target.now, revoked_reason: target.reason })
    .where('revoked_at', 'is', null);
  if (target.sessionId) query = query.where('id', '=', target.sessionId);
  else if (target.userId) query = query.where('user_id', '=', target.userId);
  else throw new Error('revokeSessions needs a sessionId or a userId');
  if (target.except) query = query.where('id', '!=', target.except);
  const ended = await query.returning(['id', 'user_id']).execute();
  // The session kept is the one that ended the others (a password change, sign-out everywhere).
  await recordSessionsEnded(db, ended, { reason: target.reason, bySessionId: target.except, now: target.now });
  return ended.length;
}

const reasonForEvents: Record<SessionEndReason, EndReasonForEvents> = {
  sign_out: 'signed_out',
  sign_out_all: 'signed_out_everywhere',
  ended_from_list: 'ended_elsewhere',
  refresh_reused: 'refresh_token_reused',
  password_changed: 'password_changed',
  password_reset: 'password_reset',
};

/** One session.revoked event per ended session, naming the device of the session that ended it. */
async function recordSessionsEnded(
  db: Db,
  ended: { id: string; user_id: string }[],
  cause: { reason: SessionEndReason; bySessionId: string | undefined; now: Date },
): Promise<void> {
  const [first] = ended;
  if (!first) return;
  const by = cause.bySessionId
    ? await db.selectFrom('sessions').select('device_name').where('id', '=', cause.bySessionId).executeTakeFirst()
    : undefined;
  const data = { reason: reasonForEvents[cause.reason], byDeviceName: by?.device_name ?? null, at: cause.now.toISOString() };
  await recordAccountEvents(
    db,
    first.user_id,
    ended.map((session) => ({ type: 'session.revoked', data: { sessionId: session.id, ...data } })),
    cause.now,
  );
}

/** The session if it exists and has not been revoked. */
export async function activeSession(db: Db, sessionId: string): Promise<Session | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The account's live sessions, most recently used first; `current` marks the caller's. */
export async function listSessions(db: Db, auth: { userId: string; sessionId: string }, now: Date): Promise<AccountSession[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'device_name', 'created_at', 'last_used_at'])
    .where('user_id', '=', auth.userId)
    .where('revoked_at', 'is', null)
    // A session whose refresh token went unused this long has expired with it.
    .where('last_used_at', '>', new Date(now.getTime() - REFRESH_TOKEN_TTL_MS))
    .orderBy('last_used_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    deviceName: row.device_name,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at.toISOString(),
    current: row.id === auth.sessionId,
  }));
}

/**
 * Ends one of the account's own sessions (`bySessionId` is the caller's); 404 for an
 * unknown, ended or another account's session.
 */
export async function endOwnSession(db: Db, userId: string, sessionId: string, now: Date, bySessionId?: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('sessions')
      .set({ revoked_at: now, revoked_reason: 'ended_from_list' })
      .where('id', '=', asUuid(sessionId))
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning(['id', 'user_id'])
      .execute();
    if (ended.length === 0) {
      throw new ServiceError('NOT_FOUND', 'There is no such session: it may have ended already.');
    }
    await recordSessionsEnded(trx, ended, { reason: 'ended_from_list', bySessionId, now });
  });
}
