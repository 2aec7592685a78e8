import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { UsersTable } from '../../server/src/db/schema';

/** A confirmed account straight into the database, for tests that need many and no sign-in. */
export function userRow(label: string, now: Date, id: string = randomUUID()): Insertable<UsersTable> {
  return {
    id,
    email: `${id}@${label}.test`,
    name: label,
    password_hash: 'not a hash: nobody signs in',
    email_confirmed_at: now,
    locked_until: null,
    password_changed_at: now,
    created_at: now,
    updated_at: now,
  };
}
