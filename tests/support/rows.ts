import { randomUUID } from 'node:crypto';
import type { NewUser } from '../../server/src/db/schema';

/** A confirmed account straight into the database, for tests and benches that need many. */
export function userRow(label: string, now: Date, fields: Partial<NewUser> = {}): NewUser {
  const id = fields.id ?? randomUUID();
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
    ...fields,
  };
}
