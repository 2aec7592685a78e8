import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { activeDevices } from '../../../server/src/devices/seat-limit';
import { userRow } from '../../support/rows';
import { useService } from '../../support/use-service';
import { fakeMachine } from './protection-fixture';

interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

/** The most rows any step of a plan handled. */
const mostRows = (node: PlanNode): number =>
  Math.max(node['Actual Rows'] * node['Actual Loops'], ...(node.Plans ?? []).map(mostRows));

describe('the seat read under the lock', () => {
  const { service } = useService({ smtp: false });

  it("reads only the account's own active devices, however many other accounts have", async () => {
    const db = service.services.db;
    const now = new Date();
    const accounts = Array.from({ length: 40 }, () => ({ userId: randomUUID(), subscriptionId: randomUUID() }));
    for (const { userId, subscriptionId } of accounts) {
      await db
        .insertInto('users')
        .values(userRow('seat-read', now, { id: userId }))
        .execute();
      await db
        .insertInto('subscriptions')
        .values({
          id: subscriptionId,
          user_id: userId,
          plan: 'max',
          seats: 10,
          starts_at: now,
          expires_at: new Date(now.getTime() + 365 * 86_400_000),
          created_at: now,
        })
        .execute();
    }
    // Devices arrive interleaved across accounts, as registrations do: 10 active per account.
    for (let round = 0; round < 10; round++) {
      for (const { userId, subscriptionId } of accounts) {
        const machine = fakeMachine();
        await db
          .insertInto('devices')
          .values({
            id: randomUUID(),
            user_id: userId,
            subscription_id: subscriptionId,
            name: 'PC',
            platform: 'windows',
            fingerprint: machine.fingerprint,
            components: machine.components,
            os: 'Windows 11',
            app_version: '1.0.0',
            last_seen_at: now,
            status: 'active',
            registered_at: now,
            deactivated_at: null,
            deactivated_reason: null,
            replaces_device_id: null,
          })
          .execute();
      }
    }

    const query = activeDevices(db, accounts[0]!.userId).compile();
    // EXPLAIN takes no bind parameters; these are a uuid and the word 'active'.
    const text = query.parameters.reduce<string>(
      (sqlText, value, i) => sqlText.replaceAll(`$${i + 1}`, `'${String(value)}'`),
      query.sql,
    );
    const { rows } = await sql<{
      'QUERY PLAN': [{ Plan: PlanNode }] | string;
    }>`explain (analyze, format json) ${sql.raw(text)}`.execute(db);
    const plan = rows[0]!['QUERY PLAN'];
    const root = (typeof plan === 'string' ? (JSON.parse(plan) as [{ Plan: PlanNode }]) : plan)[0].Plan;
    expect(root['Actual Rows']).toBe(10);
    // Without an index of its own, the planner (no statistics yet, as on PGlite always)
    // combined indexes and visited all 400 active devices to find these 10.
    expect(mostRows(root)).toBeLessThanOrEqual(10);
  });
});
