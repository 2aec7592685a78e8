import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { hashPassword } from '../identity/password-hashing';
import { seedDemoProtection } from './demo-protection';

/** The demo account named in the README; `seed-demo` and `npm start` create it. */
export const DEMO_ACCOUNT = {
  email: 'demo@palisade.test',
  name: 'Alex Demo',
  password: 'Demo-Palisade-2026',
} as const;

/**
 * Creates the confirmed demo account unless it exists, and gives it a family subscription
 * with two devices unless it has a subscription. Safe to run any number of times.
 */
export async function seedDemoAccount(db: Db, now: Date): Promise<'created' | 'exists'> {
  const result = await seedDemoUser(db, now);
  const user = await db.selectFrom('users').select('id').where('email', '=', DEMO_ACCOUNT.email).executeTakeFirstOrThrow();
  await seedDemoProtection(db, user.id, now);
  return result;
}

async function seedDemoUser(db: Db, now: Date): Promise<'created' | 'exists'> {
  const existing = await db.selectFrom('users').select('id').where('email', '=', DEMO_ACCOUNT.email).executeTakeFirst();
  if (existing) return 'exists';
  const inserted = await db
    .insertInto('users')
    .values({
      id: randomUUID(),
      email: DEMO_ACCOUNT.email,
      name: DEMO_ACCOUNT.name,
      password_hash: await hashPassword(DEMO_ACCOUNT.password),
      email_confirmed_at: now,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    // Two seeders racing: the unique e-mail index keeps one.
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 ? 'created' : 'exists';
}
