import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { registerDeviceResponseSchema, type RegisterDeviceBody } from '../../../shared/api/devices';
import { type Subscription, subscriptionSchema } from '../../../shared/api/subscriptions';
import type { PlanId } from '../../../shared/plans';
import { mintProductKeys } from '../../../server/src/subscriptions/product-keys';
import type { Db } from '../../../server/src/db/database';
import { type Client, confirmedAccount, signIn } from '../server/http';
import type { SmtpCapture } from '../../support/smtp';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface Machine {
  components: string[];
  fingerprint: string;
}

/** A machine's fingerprint as the desktop sends it: component hashes and the hash of their sorted list. */
export function machineOf(components: string[]): Machine {
  return { components, fingerprint: sha256([...components].sort().join('')) };
}

/** A distinct fake machine with `parts` components (hashes of fixed strings, as the seed uses). */
export function fakeMachine(label: string = randomUUID(), parts = 5): Machine {
  return machineOf(Array.from({ length: parts }, (_, i) => sha256(`${label}/component-${i}`)));
}

/** The same machine with some of its parts swapped for new ones. */
export function withNewParts(machine: Machine, count: number, label = randomUUID()): Machine {
  return machineOf(machine.components.map((c, i) => (i < count ? sha256(`${label}/new-part-${i}`) : c)));
}

/** `POST /v1/devices/:id/heartbeat` from this machine. */
export const heartbeatBody = (machine: Machine) => ({ fingerprint: machine.fingerprint, components: machine.components });

export function registerBody(machine: Machine, extra: Partial<RegisterDeviceBody> = {}): RegisterDeviceBody {
  return {
    fingerprint: machine.fingerprint,
    components: machine.components,
    name: 'Test computer',
    os: 'Windows 11 Pro 23H2',
    platform: 'windows',
    appVersion: '1.0.0',
    ...extra,
  };
}

/** Keys straight into the database, as `keys mint` does. */
export async function mintKeys(db: Db, plan: PlanId, count = 1, termYears = 1): Promise<string[]> {
  return mintProductKeys(db, { plan, termYears, count, now: new Date() });
}

/** A confirmed, signed-in account. */
export async function signedInAccount(api: Client, smtp: SmtpCapture, label = 'protect') {
  const account = await confirmedAccount(api, smtp, label);
  const tokens = await signIn(api, account.email, account.password);
  return { ...account, token: tokens.accessToken };
}

export async function activate(api: Client, token: string, productKey: string): Promise<Subscription> {
  const answer = await api.post('/v1/subscriptions/activate', { productKey }, token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return subscriptionSchema.parse(answer.body);
}

/** A signed-in account with a new subscription on `plan`. */
export async function subscribedAccount(api: Client, smtp: SmtpCapture, db: Db, plan: PlanId, label = 'protect') {
  const account = await signedInAccount(api, smtp, label);
  const [key] = await mintKeys(db, plan);
  const subscription = await activate(api, account.token, key!);
  return { ...account, subscription };
}

export async function register(api: Client, token: string, body: RegisterDeviceBody, expected: 200 | 201 = 201) {
  const answer = await api.post('/v1/devices', body, token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(expected);
  return registerDeviceResponseSchema.parse(answer.body);
}

/** Seats in use per subscription, straight from the database: what every invariant check reads. */
export async function activeDevicesBySubscription(db: Db): Promise<Map<string, { seats: number; active: number }>> {
  const rows = await db
    .selectFrom('subscriptions as s')
    .leftJoin('devices as d', (join) => join.onRef('d.subscription_id', '=', 's.id').on('d.status', '=', 'active'))
    .select(['s.id', 's.seats'])
    .select((eb) => eb.fn.count<string>('d.id').as('active'))
    .groupBy(['s.id', 's.seats'])
    .execute();
  return new Map(rows.map((r) => [r.id, { seats: r.seats, active: Number(r.active) }]));
}
