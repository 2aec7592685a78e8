import type { DevicePlatform } from '../../../shared/api/devices';
import type { Db } from '../db/database';
import type { DeviceInvitationsTable } from '../db/protection-tables';
import { hashToken, newSecretToken } from '../identity/secret-tokens';
import { invitationMail } from '../mail/invitation-mail';
import type { Services } from '../services';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The page an invitation link opens: "Open in Palisade", and the download for the platform. */
export const INSTALL_PAGE_PATH = '/install';

export const invitationLink = (publicUrl: string, token: string): string =>
  `${publicUrl}${INSTALL_PAGE_PATH}?token=${encodeURIComponent(token)}`;

/**
 * `POST /v1/devices/invitations`: a link with a single-use token, valid 7 days, to set up
 * Palisade on another device; e-mailed when an address is given. Only the token's hash
 * is stored.
 */
export async function inviteDevice(
  services: Services,
  input: { userId: string; email: string | undefined; platform: DevicePlatform },
): Promise<{ link: string; expiresAt: string }> {
  const now = services.now();
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await services.db
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
  const link = invitationLink(services.publicUrl(), token);
  if (input.email !== undefined) {
    const inviter = await services.db.selectFrom('users').select(['name', 'language']).where('id', '=', input.userId).executeTakeFirstOrThrow();
    services.mailer.sendLater(
      invitationMail({ to: input.email, inviterName: inviter.name, language: inviter.language, platform: input.platform, link, validDays: INVITATION_TTL_MS / 86_400_000 }),
    );
  }
  return { link, expiresAt: expiresAt.toISOString() };
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
