/**
 * Accounts, subscriptions, sessions and devices for the service benches, written straight
 * into the database with ids a pgbench script can compute from a number (`\set account
 * random(1, n)`), so the service and pgbench work on the same rows.
 */
import { createHash, createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../server/src/db/database';
import { hashPassword } from '../../server/src/identity/password-hashing';
import { userRow } from '../../tests/support/rows';

const idOf = (prefix: string) => (n: number) => `${prefix}${n.toString(16).padStart(12, '0')}`;
/** Account n (from 1): its user id, its subscription, its bench session (for pgbench and the in-process replay). */
export const accountId = idOf('00000000-0000-4000-8000-');
export const subscriptionIdOf = idOf('55555555-5555-4555-8555-');
export const benchSessionIdOf = idOf('eeeeeeee-eeee-4eee-8eee-');
/** Device n (from 1), on account ((n - 1) mod accounts) + 1. */
export const deviceIdOf = idOf('dddddddd-dddd-4ddd-8ddd-');

/** The same ids as SQL text expressions of pgbench variables. */
const sqlIdOf = (prefix: string) => (variable: string) => `'${prefix}' || lpad(to_hex(:${variable}::bigint), 12, '0')`;
export const pgbenchIds = {
  account: sqlIdOf('00000000-0000-4000-8000-'),
  session: sqlIdOf('eeeeeeee-eeee-4eee-8eee-'),
  device: sqlIdOf('dddddddd-dddd-4ddd-8ddd-'),
  subscription: sqlIdOf('55555555-5555-4555-8555-'),
  /** An Idempotency-Key from a number, the same in every statement of one transaction. */
  idempotencyKey: (variable: string) => `'bench-' || :${variable}`,
};

export const BENCH_PASSWORD = 'a bench of quiet lighthouses';
/** The service keys components with this (COMPONENT_SECRET), so seeded devices match what the bench's machines send. */
export const BENCH_COMPONENT_SECRET = 'bench-component-secret-of-thirty-two-characters-or-more';
/** Seats enough that no bench meets the seat limit: the benches measure the write, not the refusal. */
const SEATS = 1_000_000;

export const emailOf = (n: number) => `${accountId(n)}@bench.test`;

/** `count` confirmed accounts with one `max` subscription each and one bench session; one password hash for all. */
export async function seedAccounts(db: Db, count: number, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const expires = new Date(now.getTime() + 365 * 24 * 3600_000);
  for (let from = 1; from <= count; from += 500) {
    const numbers = Array.from({ length: Math.min(500, count - from + 1) }, (_, i) => from + i);
    await db
      .insertInto('users')
      .values(numbers.map((n) => userRow('bench', now, { id: accountId(n), email: emailOf(n), name: `Bench ${n}`, password_hash: passwordHash })))
      .execute();
    await db
      .insertInto('subscriptions')
      .values(numbers.map((n) => ({ id: subscriptionIdOf(n), user_id: accountId(n), plan: 'max' as const, seats: SEATS, starts_at: now, expires_at: expires, created_at: now })))
      .execute();
    await db
      .insertInto('sessions')
      .values(numbers.map((n) => ({ id: benchSessionIdOf(n), user_id: accountId(n), device_name: 'bench', created_at: now, last_used_at: now, revoked_at: null, revoked_reason: null, client_address: null })))
      .execute();
  }
}

/** What machine n sends: five component hashes and its fingerprint. */
export function machineOf(n: number): { fingerprint: string; components: string[] } {
  const components = Array.from({ length: 5 }, (_, j) => createHash('sha256').update(`bench machine ${n} part ${j}`).digest('hex'));
  return { fingerprint: createHash('sha256').update(components.join('')).digest('hex'), components };
}

const keyed = (hash: string) => createHmac('sha256', BENCH_COMPONENT_SECRET).update(hash).digest('hex');

/** Devices 1…count, active, spread over the accounts in turn, as the service would store the machines of `machineOf`. */
export async function seedDevices(db: Db, count: number, accounts: number, now = new Date()): Promise<void> {
  for (let from = 1; from <= count; from += 500) {
    const numbers = Array.from({ length: Math.min(500, count - from + 1) }, (_, i) => from + i);
    await db
      .insertInto('devices')
      .values(
        numbers.map((n) => {
          const account = ((n - 1) % accounts) + 1;
          const machine = machineOf(n);
          return {
            id: deviceIdOf(n),
            user_id: accountId(account),
            subscription_id: subscriptionIdOf(account),
            name: `Bench machine ${n}`,
            platform: 'windows' as const,
            fingerprint: keyed(machine.fingerprint),
            components: machine.components.map(keyed),
            components_keyed: true,
            os: 'Windows 11 Pro 23H2',
            app_version: '1.0.0',
            status: 'active' as const,
            registered_at: now,
            last_seen_at: now,
            deactivated_at: null,
            deactivated_reason: null,
            replaces_device_id: null,
          };
        }),
      )
      .execute();
  }
}

/** Removes what a registration round added (devices after `since`, events, idempotency records), so every round starts alike. */
export async function resetRegistrations(db: Db, since: Date): Promise<void> {
  await db.deleteFrom('devices').where('registered_at', '>', since).execute();
  await db.deleteFrom('account_events').execute();
  await db.deleteFrom('idempotency_records').execute();
}

/** Statistics and dead rows after a reset: PGlite has no autovacuum, and PostgreSQL's may not have come round yet. */
export async function vacuum(db: Db): Promise<void> {
  await sql`vacuum analyze devices, account_events, idempotency_records, sessions, subscriptions`.execute(db);
}
