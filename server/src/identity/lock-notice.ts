import type { User } from '../db/schema';
import { accountLockedMail } from '../mail/identity-mails';
import { queueMail } from '../mail/outbox';
import type { Services } from '../services';
import { emailLink } from './email-links';
import { issueEmailToken } from './email-tokens';

/**
 * Tells the owner that wrong passwords locked their account (or their app's device token),
 * with a reset link and code: a reset unlocks at once. One e-mail per lock (sign-in.ts), so
 * the lock bounds them (four an hour at most for the account) and its link is sent outside
 * the reset e-mails' limit: the owner's own "Forgot password?" right after still gets one.
 */
export async function tellOwnerOfLock(services: Services, user: User): Promise<void> {
  const issued = await issueEmailToken(services.db, user.id, 'reset_password', services.now(), true);
  await queueMail(services.db, accountLockedMail(user, emailLink(services.publicUrl(), 'reset_password', issued.token), issued.code), services.now());
}
