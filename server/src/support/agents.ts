import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { ServiceError } from '../http/service-error';
import { emailLink } from '../identity/email-links';
import { EMAIL_TOKEN_TTL_MS, issueEmailToken } from '../identity/email-tokens';
import { hashPassword } from '../identity/password-hashing';
import { findUserByEmail } from '../identity/users';

/**
 * `agents add`: makes the account of `email` support staff, creating it when the address has
 * none (with a random password no one knows, so it cannot sign in before the link sets one),
 * and returns a one-time link to set the password (the reset-password link).
 */
export async function addAgent(db: Db, input: { email: string; name: string; linkBase: string; now: Date }): Promise<{ created: boolean; link: string }> {
  const { now } = input;
  let user = await findUserByEmail(db, input.email);
  const created = !user;
  if (!user) {
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    await db
      .insertInto('users')
      .values({ id: randomUUID(), email: input.email, name: input.name, password_hash: passwordHash, email_confirmed_at: null, locked_until: null, last_failed_login_at: null, password_changed_at: now, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    user = await findUserByEmail(db, input.email);
    if (!user) throw new Error(`The account of ${input.email} could not be created.`);
  }
  await db.insertInto('support_agents').values({ user_id: user.id, created_at: now }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  // Outside the e-mail limits: the operator hands this link over, no e-mail is sent.
  const { token } = await issueEmailToken(db, user.id, 'reset_password', now, true);
  return { created, link: emailLink(input.linkBase, 'reset_password', token) };
}

/** The lines `agents add` prints; the link only here, never in a log. */
export function agentAddedLines(input: { email: string; name: string }, result: { created: boolean; link: string }): string {
  const minutes = EMAIL_TOKEN_TTL_MS.reset_password / 60_000;
  return [
    result.created ? `Created the support agent ${input.name} <${input.email}>.` : `The account ${input.email} is a support agent.`,
    `Their link to set a password (works once, for ${minutes} minutes):`,
    result.link,
  ].join('\n');
}

export async function isAgent(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('support_agents').select('user_id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

export const notAnAgent = () => new ServiceError('FORBIDDEN', 'Only support staff can do this.');
