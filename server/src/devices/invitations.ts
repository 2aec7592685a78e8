import { sql } from 'kysely';
import type { DevicePlatform } from '../../../shared/api/devices';
import type { Db } from '../db/database';
import type { DeviceInvitationsTable } from '../db/protection-tables';
import { ServiceError } from '../http/service-error';
import { hashToken, newSecretToken } from '../identity/secret-tokens';
import { invitationMail } from '../mail/invitation-mail';
import { queueMail } from '../mail/outbox';
import type { Services } from '../services';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The page an invitation link opens: "Open in Palisade", and the download for the platform. */
export const INSTALL_PAGE_PATH = '/install';

export const invitationLink = (publicUrl: string, token: string): string =>
  `${publicUrl}${INSTALL_PAGE_PATH}?token=${encodeURIComponent(token)}`;

const HOUR_MS = 60 * 60 * 1000;

/**
 * E-mailed invitations in any hour (docs/api.md "Devices"): from one account, and to one
 * address whichever accounts send them, so neither one account nor many can flood an inbox.
 * Invitations without an address send nothing and are not counted.
 */
export const INVITATION_MAIL_LIMITS = { perAccount: 10, perAddress: 3, windowMs: HOUR_MS } as const;

/** Keeps the advisory locks of invitation addresses apart from any other use of them. */
const ADDRESS_LOCK_SPACE = 0x1e7a;

/**
 * `POST /v1/devices/invitations`: a link with a single-use token, valid 7 days, to set up
 * Palisade on another device; e-mailed when an address is given, within the limits above
 * (`429 RATE_LIMITED` with `retryAfterSeconds` otherwise). Only the token's hash is stored.
 */
export async function inviteDevice(
  services: Services,
  input: { userId: string; email: string | undefined; platform: DevicePlatform },
): Promise<{ link: string; expiresAt: string }> {
  const now = services.now();
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const link = invitationLink(services.publicUrl(), token);
  await services.db.transaction().execute(async (trx) => {
    // The inviter's row, then the address: requests racing for one account or one address
    // take turns, so the count they check is the count they add to.
    const user = await trx.selectFrom('users').select(['name', 'language']).where('id', '=', input.userId).forUpdate().executeTakeFirstOrThrow();
    if (input.email !== undefined) {
      await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK_SPACE}::int, hashtext(${input.email}::text))`.execute(trx);
      await assertUnderMailLimits(trx, { userId: input.userId, email: input.email, now });
    }
    await trx
      .insertInto('device_invitations')
      .values({
        token_hash: hashToken(token),
        user_id: input.userId,
        email: input.email ?? null,
        platform: input.platform,
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    if (input.email !== undefined) {
      await queueMail(
        trx,
        invitationMail({ to: input.email, inviterName: user.name, language: user.language, platform: input.platform, link, validDays: INVITATION_TTL_MS / 86_400_000 }),
        now,
      );
    }
  });
  return { link, expiresAt: expiresAt.toISOString() };
}

/** Refuses one more e-mailed invitation from this account, or to this address, past the hour's limit. */
async function assertUnderMailLimits(db: Db, input: { userId: string; email: string; now: Date }): Promise<void> {
  const since = new Date(input.now.getTime() - INVITATION_MAIL_LIMITS.windowMs);
  const sentAt = (rows: { created_at: Date }[]) => rows.map((row) => row.created_at.getTime()).sort((a, b) => a - b);
  const fromAccount = sentAt(
    await db.selectFrom('device_invitations').select('created_at').where('user_id', '=', input.userId).where('email', 'is not', null).where('created_at', '>', since).execute(),
  );
  const toAddress = sentAt(
    await db.selectFrom('device_invitations').select('created_at').where('email', '=', input.email).where('created_at', '>', since).execute(),
  );
  // The wait is until enough of the counted ones are an hour old for one more to fit.
  const waitFor = (times: number[], limit: number) =>
    times.length < limit ? 0 : times[times.length - limit]! + INVITATION_MAIL_LIMITS.windowMs - input.now.getTime();
  const waitMs = Math.max(waitFor(fromAccount, INVITATION_MAIL_LIMITS.perAccount), waitFor(toAddress, INVITATION_MAIL_LIMITS.perAddress));
  if (waitMs > 0) {
    throw new ServiceError('RATE_LIMITED', 'Too many e-mailed invitations in the last hour. Try again later, or share the link yourself.', {
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}

/** An invitation the token names that can still be used, without using it (the page only shows it). */
export function findUsableInvitation(db: Db, token: string, now: Date): Promise<Pick<DeviceInvitationsTable, 'platform'> | undefined> {
  return db
    .selectFrom('device_invitations')
    .select('platform')
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Uses up an invitation of the caller's account (the app, opened by palisade://install,
 * calls this once it is signed in). The conditional update makes it single-use even when
 * two requests race. Null when the token is unknown, used, expired or another account's.
 */
export async function acceptInvitation(
  db: Db,
  input: { userId: string; token: string; now: Date },
): Promise<{ platform: DevicePlatform } | null> {
  const row = await db
    .updateTable('device_invitations')
    .set({ used_at: input.now })
    .where('token_hash', '=', hashToken(input.token))
    .where('user_id', '=', input.userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', input.now)
    .returning('platform')
    .executeTakeFirst();
  return row ?? null;
}
