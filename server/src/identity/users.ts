import type { Account } from '../../../shared/api/account';
import type { Db } from '../db/database';
import type { User } from '../db/schema';

/** `email` must already be normalised (the shared emailSchema trims and lower-cases). */
export function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export const toAccount = (user: User): Account => ({
  id: user.id,
  email: user.email,
  name: user.name,
  language: user.language,
  mfaEnabled: user.mfa_enabled,
  createdAt: user.created_at.toISOString(),
});
