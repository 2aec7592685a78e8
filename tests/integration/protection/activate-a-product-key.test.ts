import { describe, expect, it } from 'vitest';
import {
  addYears,
  keyPreviewSchema,
  type Subscription,
  subscriptionListSchema,
  subscriptionSchema,
} from '../../../shared/api/subscriptions';
import { generateProductKey, PRODUCT_KEY_CONFUSABLE_PAIRS } from '../../../shared/product-key';
import { useService } from '../../support/use-service';
import { addCard } from '../billing/billing-fixture';
import { DAY, expectError, movableClock, signIn } from '../server/http';
import { activate, mintKeys, signedInAccount } from './protection-fixture';

const clock = movableClock();

const { service, smtp, api } = useService({ now: clock.now });

const activateWith = (token: string, productKey: unknown, headers: Record<string, string> = {}) =>
  api.request('POST', '/v1/subscriptions/activate', { json: { productKey }, token, headers });

const subscriptionsOf = async (token: string): Promise<Subscription[]> => {
  const answer = await api.get('/v1/subscriptions', token);
  expect(answer.status).toBe(200);
  return subscriptionListSchema.parse(answer.body);
};

describe('activating a product key', () => {
  it('starts a subscription for the key’s plan, from now for the key’s term', async () => {
    const { token } = await signedInAccount(api, smtp, 'activate');
    const [key] = await mintKeys(service.services.db, 'family', 1, 2);
    const before = clock.now();
    const subscription = await activate(api, token, key!);
    expect(subscription).toMatchObject({
      plan: 'family',
      planName: 'Palisade Family',
      seats: 5,
      seatsUsed: 0,
      status: 'active',
      autoRenew: false,
    });
    const starts = new Date(subscription.startsAt);
    expect(Math.abs(starts.getTime() - before.getTime())).toBeLessThan(5_000);
    const expected = new Date(starts);
    expected.setUTCFullYear(expected.getUTCFullYear() + 2);
    expect(subscription.expiresAt).toBe(expected.toISOString());
    expect(await subscriptionsOf(token)).toEqual([subscription]);
  });

  it('takes keys in any case, without dashes, with spaces, and O/I/L for 0/1', async () => {
    const { token } = await signedInAccount(api, smtp, 'forgiving');
    const keys = await mintKeys(service.services.db, 'essentials', 3);
    const sloppy = [
      keys[0]!.toLowerCase(),
      keys[1]!.replaceAll('-', '  '),
      keys[2]!.replaceAll('-', '').replaceAll('0', 'O').replaceAll('1', 'l').toLowerCase(),
    ];
    for (const key of sloppy) expect((await activate(api, token, key)).plan).toBe('essentials');
    expect(await subscriptionsOf(token)).toHaveLength(3);
  });

  it('refuses malformed keys with 400 KEY_MALFORMED and says why', async () => {
    const { token } = await signedInAccount(api, smtp, 'malformed');
    const [key] = await mintKeys(service.services.db, 'family');
    expect(expectError(await activateWith(token, 'ABCDE-12345'), 400, 'KEY_MALFORMED')).toMatchObject({
      reason: 'length',
    });
    expect(expectError(await activateWith(token, `${key!.slice(0, 22)}U`), 400, 'KEY_MALFORMED')).toMatchObject({
      reason: 'characters',
    });
    // One symbol of the second group misread as its look-alike: the check symbol catches it,
    // and when the service names a suspect group it is the right one.
    const symbols = [...key!.replaceAll('-', '')];
    const partner = (symbol: string) =>
      PRODUCT_KEY_CONFUSABLE_PAIRS.find((pair) => pair.includes(symbol))?.replace(symbol, '');
    const position = [5, 6, 7, 8, 9].find((i) => partner(symbols[i]!) !== undefined);
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    if (position === undefined) symbols[7] = alphabet[(alphabet.indexOf(symbols[7]!) + 1) % 32]!;
    else symbols[position] = partner(symbols[position]!)!;
    const details = expectError(await activateWith(token, symbols.join('')), 400, 'KEY_MALFORMED');
    expect(details).toMatchObject({ reason: 'checksum' });
    if (position !== undefined && details?.suspectGroup !== undefined) expect(details.suspectGroup).toBe(2);
    expect(await subscriptionsOf(token)).toEqual([]);
    // The real key still works afterwards.
    await activate(api, token, key!);
  });

  it('answers 404 KEY_UNKNOWN for a well-formed key that was never sold', async () => {
    const { token } = await signedInAccount(api, smtp, 'unknown');
    expectError(await activateWith(token, generateProductKey()), 404, 'KEY_UNKNOWN');
  });

  it('lets each key work once: 409 KEY_ALREADY_USED afterwards, for anyone', async () => {
    const first = await signedInAccount(api, smtp, 'once-a');
    const second = await signedInAccount(api, smtp, 'once-b');
    const [key] = await mintKeys(service.services.db, 'max');
    await activate(api, first.token, key!);
    expectError(await activateWith(first.token, key), 409, 'KEY_ALREADY_USED');
    expectError(await activateWith(second.token, key!.toLowerCase()), 409, 'KEY_ALREADY_USED');
    expect(await subscriptionsOf(first.token)).toHaveLength(1);
    expect(await subscriptionsOf(second.token)).toHaveLength(0);
  });

  it('lets exactly one of many concurrent activations of one key through', async () => {
    const accounts = await Promise.all([signedInAccount(api, smtp, 'race-a'), signedInAccount(api, smtp, 'race-b')]);
    const [key] = await mintKeys(service.services.db, 'family');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => activateWith(accounts[i % 2]!.token, key)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 201)) expectError(answer, 409, 'KEY_ALREADY_USED');
    const owned =
      (await subscriptionsOf(accounts[0]!.token)).length + (await subscriptionsOf(accounts[1]!.token)).length;
    expect(owned).toBe(1);
  });

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key for another request', async () => {
    const { token } = await signedInAccount(api, smtp, 'idem');
    const [key, other] = await mintKeys(service.services.db, 'family', 2);
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await activateWith(token, key, headers);
    expect(first.status).toBe(201);
    const again = await activateWith(token, key!.toLowerCase(), headers); // the same key, typed differently
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await subscriptionsOf(token)).toHaveLength(1);

    const misuse = expectError(await activateWith(token, other, headers), 422, 'VALIDATION_FAILED');
    expect(misuse).toEqual({ fields: { 'idempotency-key': { code: 'custom', message: expect.any(String) } } });
    expect(await subscriptionsOf(token)).toHaveLength(1);

    // A refusal is an answer too: repeating it gives the same refusal.
    const refusalKey = { 'idempotency-key': crypto.randomUUID() };
    expectError(await activateWith(token, key, refusalKey), 409, 'KEY_ALREADY_USED');
    expectError(await activateWith(token, key, refusalKey), 409, 'KEY_ALREADY_USED');

    // Keys are per account: another account's identical key is its own.
    const stranger = await signedInAccount(api, smtp, 'idem-other');
    expect((await activateWith(stranger.token, other, headers)).status).toBe(201);

    expectError(await activateWith(token, other, { 'idempotency-key': 'has spaces in it' }), 400, 'VALIDATION_FAILED');
    expectError(await activateWith(token, other, { 'idempotency-key': 'x'.repeat(256) }), 400, 'VALIDATION_FAILED');
  });

  it('needs a signed-in user and a well-formed body', async () => {
    expectError(await api.post('/v1/subscriptions/activate', { productKey: 'x' }), 401, 'UNAUTHORIZED');
    expectError(await api.get('/v1/subscriptions'), 401, 'UNAUTHORIZED');
    const { token } = await signedInAccount(api, smtp, 'bad-body');
    for (const body of [{}, { productKey: 12 }, { productKey: 'x'.repeat(101) }, []]) {
      const details = expectError(await api.post('/v1/subscriptions/activate', body, token), 400, 'VALIDATION_FAILED');
      expect(details).toHaveProperty('fields');
    }
  });
});

const extendWith = (
  token: string,
  productKey: string,
  extendSubscriptionId: string,
  headers: Record<string, string> = {},
) => api.request('POST', '/v1/subscriptions/activate', { json: { productKey, extendSubscriptionId }, token, headers });

const lastGroup = (key: string) => key.slice(-5);

describe('extending a subscription with a key', () => {
  it('adds the key’s term to that subscription, from its expiry, and shows the new key’s last group', async () => {
    const { token } = await signedInAccount(api, smtp, 'extend');
    const [first, second] = await mintKeys(service.services.db, 'family', 2, 2);
    const subscription = await activate(api, token, first!);
    expect(subscription.keyLastGroup).toBe(lastGroup(first!));

    const answer = await extendWith(token, second!, subscription.id);
    expect(answer.status).toBe(201);
    const extended = subscriptionSchema.parse(answer.body);
    expect(extended).toEqual({
      ...subscription,
      expiresAt: addYears(new Date(subscription.expiresAt), 2).toISOString(),
      keyLastGroup: lastGroup(second!),
    });
    expect(await subscriptionsOf(token)).toEqual([extended]);
    expectError(await extendWith(token, second!, subscription.id), 409, 'KEY_ALREADY_USED');
  });

  it('says what a key would add before it is spent', async () => {
    const { token } = await signedInAccount(api, smtp, 'preview');
    const [key] = await mintKeys(service.services.db, 'max', 1, 3);
    const preview = async () =>
      api.request('POST', '/v1/subscriptions/activate/preview', { json: { productKey: key!.toLowerCase() }, token });
    const answer = await preview();
    expect(answer.status).toBe(200);
    expect(keyPreviewSchema.parse(answer.body)).toEqual({ plan: 'max', planName: 'Palisade Max', termYears: 3 });
    expect(await subscriptionsOf(token)).toEqual([]);
    await activate(api, token, key!);
    expectError(await preview(), 409, 'KEY_ALREADY_USED');
    const unknown = await api.request('POST', '/v1/subscriptions/activate/preview', {
      json: { productKey: generateProductKey() },
      token,
    });
    expectError(unknown, 404, 'KEY_UNKNOWN');
    const typo = await api.request('POST', '/v1/subscriptions/activate/preview', {
      json: { productKey: 'ABCDE' },
      token,
    });
    expectError(typo, 400, 'KEY_MALFORMED');
  });

  it('refuses a key of another plan with 409 PLAN_MISMATCH and leaves the key unspent', async () => {
    const { token } = await signedInAccount(api, smtp, 'mismatch');
    const [family] = await mintKeys(service.services.db, 'family');
    const [essentials] = await mintKeys(service.services.db, 'essentials');
    const subscription = await activate(api, token, family!);
    const details = expectError(await extendWith(token, essentials!, subscription.id), 409, 'PLAN_MISMATCH');
    expect(details).toEqual({ keyPlan: 'essentials', subscriptionPlan: 'family', subscriptionId: subscription.id });
    expect(await subscriptionsOf(token)).toEqual([subscription]);
    // Not spent: it still starts a subscription of its own.
    expect((await activate(api, token, essentials!)).plan).toBe('essentials');
  });

  it('answers 404 for another account’s subscription, or one that does not exist, and spends nothing', async () => {
    const owner = await signedInAccount(api, smtp, 'extend-owner');
    const stranger = await signedInAccount(api, smtp, 'extend-stranger');
    const [ownerKey, strangerKey] = await mintKeys(service.services.db, 'family', 2);
    const subscription = await activate(api, owner.token, ownerKey!);
    expectError(await extendWith(stranger.token, strangerKey!, subscription.id), 404, 'NOT_FOUND');
    expectError(await extendWith(stranger.token, strangerKey!, crypto.randomUUID()), 404, 'NOT_FOUND');
    expectError(await extendWith(stranger.token, strangerKey!, 'not-an-id'), 404, 'NOT_FOUND');
    expect(await subscriptionsOf(owner.token)).toEqual([subscription]);
    expect((await activate(api, stranger.token, strangerKey!)).plan).toBe('family');
  });

  it('adds both terms when two keys extend one subscription at the same time', async () => {
    const { token } = await signedInAccount(api, smtp, 'extend-race');
    const [first, ...more] = await mintKeys(service.services.db, 'family', 5, 1);
    const subscription = await activate(api, token, first!);
    const answers = await Promise.all(more.map((key) => extendWith(token, key, subscription.id)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    const [after] = await subscriptionsOf(token);
    expect(after?.expiresAt).toBe(addYears(new Date(subscription.expiresAt), 4).toISOString());
  });

  it('lets one key extend only once when the same extension races', async () => {
    const { token } = await signedInAccount(api, smtp, 'extend-same-key');
    const [first, second] = await mintKeys(service.services.db, 'family', 2, 1);
    const subscription = await activate(api, token, first!);
    const answers = await Promise.all(Array.from({ length: 10 }, () => extendWith(token, second!, subscription.id)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 201)) expectError(answer, 409, 'KEY_ALREADY_USED');
    const [after] = await subscriptionsOf(token);
    expect(after?.expiresAt).toBe(addYears(new Date(subscription.expiresAt), 1).toISOString());
  });

  it('replays an extension for a repeated Idempotency-Key instead of adding the term twice', async () => {
    const { token } = await signedInAccount(api, smtp, 'extend-idem');
    const [first, second] = await mintKeys(service.services.db, 'family', 2, 1);
    const subscription = await activate(api, token, first!);
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const once = await extendWith(token, second!, subscription.id, headers);
    const twice = await extendWith(token, second!, subscription.id, headers);
    expect(twice.headers.get('idempotent-replayed')).toBe('true');
    expect(twice.body).toEqual(once.body);
    expectError(await activateWith(token, second, headers), 422, 'VALIDATION_FAILED');
  });
});

describe('auto-renew', () => {
  it('turns on and off, and only on the caller’s own subscriptions', async () => {
    const owner = await signedInAccount(api, smtp, 'renew');
    const stranger = await signedInAccount(api, smtp, 'renew-stranger');
    const [key] = await mintKeys(service.services.db, 'family');
    const subscription = await activate(api, owner.token, key!);
    // Automatic renewal needs a card to charge: the account's first is its default.
    const { id: paymentMethodId } = await addCard(api, owner.token);
    const on = await api.patch(`/v1/subscriptions/${subscription.id}`, { autoRenew: true }, owner.token);
    expect(on.status).toBe(200);
    expect(subscriptionSchema.parse(on.body)).toMatchObject({ ...subscription, autoRenew: true, paymentMethodId, renewsAt: expect.any(String), renewal: { paymentMethod: { last4: '4242' } } });
    expect((await subscriptionsOf(owner.token))[0]?.autoRenew).toBe(true);
    // Cancelling keeps the term: only the flag changes.
    const off = subscriptionSchema.parse(
      (await api.patch(`/v1/subscriptions/${subscription.id}`, { autoRenew: false }, owner.token)).body,
    );
    expect(off).toEqual({ ...subscription, paymentMethodId });

    expectError(
      await api.patch(`/v1/subscriptions/${subscription.id}`, { autoRenew: true }, stranger.token),
      404,
      'NOT_FOUND',
    );
    expectError(await api.patch('/v1/subscriptions/not-an-id', { autoRenew: true }, owner.token), 404, 'NOT_FOUND');
    expectError(
      await api.patch(`/v1/subscriptions/${crypto.randomUUID()}`, { autoRenew: true }, owner.token),
      404,
      'NOT_FOUND',
    );
    expectError(
      await api.patch(`/v1/subscriptions/${subscription.id}`, { autoRenew: 'yes' }, owner.token),
      400,
      'VALIDATION_FAILED',
    );
  });
});

// Moves the shared clock forward: keep last.
describe('subscription status', () => {
  it('is computed from the expiry: active, expiring within 30 days, then expired', async () => {
    const account = await signedInAccount(api, smtp, 'status');
    const [key] = await mintKeys(service.services.db, 'essentials');
    const subscription = await activate(api, account.token, key!);
    const left = new Date(subscription.expiresAt).getTime() - clock.now().getTime();

    const statusAfter = async (ms: number) => {
      clock.advance(ms);
      // Access tokens last 10 minutes of service time: sign in again after moving the clock.
      const { accessToken } = await signIn(api, account.email, account.password);
      return (await subscriptionsOf(accessToken))[0]?.status;
    };
    expect(await statusAfter(left - 31 * DAY)).toBe('active');
    expect(await statusAfter(2 * DAY)).toBe('expiring');
    expect(await statusAfter(29 * DAY - 60_000)).toBe('expiring');
    expect(await statusAfter(2 * 60_000)).toBe('expired');
  });
});
