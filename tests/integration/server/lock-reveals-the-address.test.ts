import { describe, expect, it } from 'vitest';
import { unknownAddressHash } from '../../../server/src/identity/lockout';
import { useService } from '../../support/use-service';
import { type Answer, confirmedAccount, DAY, MINUTE, movableClock, uniqueEmail } from './http';

/**
 * The attack: type five wrong passwords for an address; if the fifth answers 423 the address
 * has an account, if it answers 401 it has none. An address without an account must be
 * counted and locked exactly as a real one, answer for answer.
 */

const clock = movableClock();
const { service, smtp, api } = useService({ now: clock.now });

const WRONG = 'not the password at all';
const login = (email: string, password = WRONG) => api.post('/v1/auth/login', { email, password });

/** Headers that differ between any two answers (the time, the rate limit's running count). */
const varying = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'keep-alive']);

/** What a prober can compare: the status, the whole body and every header that is not the time. */
function observable(answer: Answer) {
  const headers = Object.fromEntries([...answer.headers.entries()].filter(([name]) => !varying.has(name)).sort());
  return { status: answer.status, body: answer.body, headers };
}

/** The same attempt against the real and the unknown address, back to back: their answers must not differ. */
async function alike(real: string, unknown: string, password = WRONG) {
  const a = observable(await login(real, password));
  const b = observable(await login(unknown, password));
  expect(b).toEqual(a);
  return a;
}

describe('the lock of an address', () => {
  it('answers five failures the same whether or not the address has an account, step by step', async () => {
    const real = (await confirmedAccount(api, smtp, 'real')).email;
    const unknown = uniqueEmail('unknown');

    for (let i = 1; i <= 4; i++) {
      const answer = await alike(real, unknown);
      expect(answer).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
    }
    const locked = await alike(real, unknown);
    expect(locked).toMatchObject({ status: 423, body: { error: { code: 'ACCOUNT_LOCKED', details: { retryAfterSeconds: 900 } } } });

    // Locked: the next tries, even with the real account's right password, answer alike too.
    clock.advance(5 * MINUTE);
    const later = await alike(real, unknown, 'a quiet lighthouse at dawn');
    expect(later).toMatchObject({ status: 423, body: { error: { details: { retryAfterSeconds: 600 } } } });

    // Both unlock together, and both count again from one.
    clock.advance(10 * MINUTE + 1000);
    for (let i = 1; i <= 4; i++) expect((await alike(real, unknown)).status).toBe(401);
    expect((await alike(real, unknown)).status).toBe(423);
  });

  it('forgets old failures after the same day for both', async () => {
    const real = (await confirmedAccount(api, smtp, 'slow-real')).email;
    const unknown = uniqueEmail('slow-unknown');
    for (let i = 1; i <= 4; i++) expect((await alike(real, unknown)).status).toBe(401);

    // A prober who waits a day before the fifth try learns nothing either.
    clock.advance(DAY + MINUTE);
    for (let i = 1; i <= 4; i++) expect((await alike(real, unknown)).status).toBe(401);
    expect((await alike(real, unknown)).status).toBe(423);
  });

  it('keeps the count of an address without an account in the database, under a hash of the normalised address', async () => {
    const unknown = uniqueEmail('stored');
    await login(` ${unknown.toUpperCase()} `);
    await login(unknown);
    const rows = await service.services.db.selectFrom('unknown_address_failures').selectAll().execute();
    const row = rows.find((r) => r.email_hash === unknownAddressHash(unknown));
    expect(row).toMatchObject({ failed_count: 2 });
    expect(JSON.stringify(rows)).not.toContain(unknown.split('@')[0]);
    expect(row!.expires_at.getTime()).toBeGreaterThan(clock.now().getTime() + DAY - MINUTE);

    // A day later the row has expired, and the next failure of any address clears it away.
    clock.advance(DAY + MINUTE);
    await login(uniqueEmail('later'));
    const left = await service.services.db.selectFrom('unknown_address_failures').select('email_hash').execute();
    expect(left.map((r) => r.email_hash)).not.toContain(unknownAddressHash(unknown));
  });
});
