import { compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { deviceListSchema, deviceSchema, heartbeatResponseSchema, licencePublicKeyResponseSchema } from '../../../shared/api/devices';
import { subscriptionListSchema } from '../../../shared/api/subscriptions';
import { leasePayloadSchema } from '../../../shared/lease';
import { NEW_DEVICE_LEASE_DAYS } from '../../../server/src/licence/lease-term';
import { verifyLease } from '../../../electron/services/licence/verify-lease';
import { useService } from '../../support/use-service';
import { DAY, expectError, movableClock, signIn } from '../server/http';
import { activate, fakeMachine, heartbeatBody, mintKeys, register, registerBody, sha256, signedInAccount, subscribedAccount, withNewParts } from './protection-fixture';

const clock = movableClock();

const { service, smtp, api } = useService({ now: clock.now });

const devicesOf = async (token: string) => deviceListSchema.parse((await api.get('/v1/devices', token)).body);
const seatsUsed = async (token: string, subscriptionId: string) =>
  subscriptionListSchema.parse((await api.get('/v1/subscriptions', token)).body).find((s) => s.id === subscriptionId)?.seatsUsed;
const publicKey = async () => licencePublicKeyResponseSchema.parse((await api.get('/v1/licence/public-key')).body);

describe('registering this computer', () => {
  it('makes a device on the subscription and hands out a lease', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'family', 'register');
    const machine = fakeMachine();
    const { device, lease } = await register(api, token, registerBody(machine, { name: '  Study PC  ', platform: 'windows' }));
    expect(device).toMatchObject({ name: 'Study PC', platform: 'windows', os: 'Windows 11 Pro 23H2', subscriptionId: subscription.id, status: 'active' });
    expect(device.registeredAt).toBe(device.lastSeenAt);
    expect(await devicesOf(token)).toEqual([device]);
    expect(await seatsUsed(token, subscription.id)).toBe(1);

    // The lease verifies against the published key, with jose and with the desktop's own check.
    const { jwk } = await publicKey();
    const { payload, protectedHeader } = await compactVerify(lease, await importJWK(jwk, 'EdDSA'));
    expect(protectedHeader.alg).toBe('EdDSA');
    const claims = leasePayloadSchema.parse(JSON.parse(new TextDecoder().decode(payload)));
    expect(claims).toMatchObject({ deviceId: device.id, subscriptionId: subscription.id, fingerprint: machine.fingerprint, plan: 'family', protectedUntil: subscription.expiresAt });
    expect(Date.parse(claims.expiresAt) - Date.parse(claims.issuedAt)).toBe(NEW_DEVICE_LEASE_DAYS * DAY);
    const verified = await verifyLease(lease, jwk, { now: clock.now(), expectedFingerprint: machine.fingerprint });
    expect(verified).toMatchObject({ ok: true, lease: { deviceId: device.id } });
    // A lease with one changed byte does not verify.
    const [h, p, s] = lease.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, protectedUntil: '2099-01-01T00:00:00.000Z' })).toString('base64url')}.${s}`;
    expect(p).not.toBe(tampered.split('.')[1]);
    await expect(compactVerify(tampered, await importJWK(jwk, 'EdDSA'))).rejects.toThrow();
  });

  it('gives the same machine its device back, even with one part changed', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'family', 'same-machine');
    const machine = fakeMachine();
    const first = await register(api, token, registerBody(machine));
    clock.advance(60_000);

    const again = await register(api, token, registerBody(machine, { name: 'Another name', appVersion: '1.0.1' }), 200);
    expect(again.device.id).toBe(first.device.id);
    expect(again.device.name).toBe(first.device.name); // the name the person chose stays
    expect(Date.parse(again.device.lastSeenAt)).toBeGreaterThan(Date.parse(first.device.lastSeenAt));

    // A new network card: 4 of 5 parts match, so it is the same device, with the new fingerprint.
    const upgraded = withNewParts(machine, 1);
    const changed = await register(api, token, registerBody(upgraded), 200);
    expect(changed.device.id).toBe(first.device.id);
    const { jwk } = await publicKey();
    expect(await verifyLease(changed.lease, jwk, { now: clock.now(), expectedFingerprint: upgraded.fingerprint })).toMatchObject({ ok: true });
    // Half, rounded up: 3 of 5 still match.
    expect((await register(api, token, registerBody(withNewParts(machine, 2)), 200)).device.id).toBe(first.device.id);
    // Fewer than half (2 of 5) is another machine, and takes a seat of its own.
    const other = await register(api, token, registerBody(withNewParts(machine, 3)), 201);
    expect(other.device.id).not.toBe(first.device.id);
    expect(await seatsUsed(token, subscription.id)).toBe(2);
  });

  it('matches a virtual machine that reports only a machine id and one MAC', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'vm');
    const vm = fakeMachine(undefined, 2);
    const first = await register(api, token, registerBody(vm, { platform: 'linux', os: 'Ubuntu 24.04' }));
    expect((await register(api, token, registerBody(withNewParts(vm, 1)), 200)).device.id).toBe(first.device.id);
  });

  it('keeps machines of different accounts apart', async () => {
    const one = await subscribedAccount(api, smtp, service.services.db, 'family', 'shared-a');
    const two = await subscribedAccount(api, smtp, service.services.db, 'family', 'shared-b');
    const machine = fakeMachine();
    const a = await register(api, one.token, registerBody(machine));
    const b = await register(api, two.token, registerBody(machine), 201);
    expect(b.device.id).not.toBe(a.device.id);
  });

  it('picks a subscription with a free seat when none is named, and takes the one named', async () => {
    const account = await signedInAccount(api, smtp, 'choose');
    const [essentialsKey, familyKey] = [...(await mintKeys(service.services.db, 'essentials')), ...(await mintKeys(service.services.db, 'family'))];
    const essentials = await activate(api, account.token, essentialsKey!);
    const family = await activate(api, account.token, familyKey!);
    const laptop = fakeMachine();
    const first = await register(api, account.token, registerBody(laptop, { subscriptionId: essentials.id }));
    expect(first.device.subscriptionId).toBe(essentials.id);
    // The essentials seat is taken: the next machine goes on the family plan by itself.
    const second = await register(api, account.token, registerBody(fakeMachine()));
    expect(second.device.subscriptionId).toBe(family.id);
    // Naming a full subscription is refused, though another one has room.
    expectError(await api.post('/v1/devices', registerBody(fakeMachine(), { subscriptionId: essentials.id }), account.token), 409, 'SEAT_LIMIT_REACHED');
    // The same machine asking for another subscription moves there, keeping its device.
    const moved = await register(api, account.token, registerBody(laptop, { subscriptionId: family.id }), 200);
    expect(moved.device).toMatchObject({ id: first.device.id, subscriptionId: family.id });
    expect(await seatsUsed(account.token, essentials.id)).toBe(0);
    expect(await seatsUsed(account.token, family.id)).toBe(2);
  });

  it('refuses a subscription that is not the caller’s, and an account with no subscription', async () => {
    const owner = await subscribedAccount(api, smtp, service.services.db, 'max', 'not-yours-a');
    const stranger = await subscribedAccount(api, smtp, service.services.db, 'max', 'not-yours-b');
    expectError(await api.post('/v1/devices', registerBody(fakeMachine(), { subscriptionId: owner.subscription.id }), stranger.token), 404, 'NOT_FOUND');
    expectError(await api.post('/v1/devices', registerBody(fakeMachine(), { subscriptionId: 'nope' }), stranger.token), 404, 'NOT_FOUND');
    const none = await signedInAccount(api, smtp, 'no-subscription');
    expect(expectError(await api.post('/v1/devices', registerBody(fakeMachine()), none.token), 404, 'NOT_FOUND')).toMatchObject({ reason: 'no_subscription' });
    expect(await devicesOf(owner.token)).toEqual([]);
  });

  it('refuses malformed registrations with the fields named, never a 500', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'bad-register');
    const good = registerBody(fakeMachine());
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, name: 'x'.repeat(65) }, 'name'],
      [{ ...good, name: '   ' }, 'name'],
      [{ ...good, name: 'Tab\there' }, 'name'],
      [{ ...good, name: 'Evil\u202Eexe.doc' }, 'name'],
      [{ ...good, components: [] }, 'components'],
      [{ ...good, components: ['RAW-SERIAL-12345'] }, 'components.0'],
      [{ ...good, components: Array.from({ length: 33 }, (_, i) => sha256(String(i))) }, 'components'],
      [{ ...good, fingerprint: 'abc' }, 'fingerprint'],
      [{ ...good, platform: 'amiga' }, 'platform'],
      [{ ...good, os: '' }, 'os'],
      [{ ...good, appVersion: undefined }, 'appVersion'],
    ];
    for (const [body, field] of cases) {
      const details = expectError(await api.post('/v1/devices', body, token), 400, 'VALIDATION_FAILED');
      expect(Object.keys((details as { fields: object }).fields), JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    // 64 characters as a person counts them (emoji included) are fine.
    const long = '🛡'.repeat(64);
    expect((await register(api, token, registerBody(fakeMachine(), { name: long }))).device.name).toBe(long);
    expectError(await api.request('POST', '/v1/devices', { token, headers: { 'content-type': 'application/json' }, raw: '{"fingerprint":' }), 400, 'VALIDATION_FAILED');
  });
});

describe('bad input on every route', () => {
  it('is a 4xx with the error envelope, never a 500', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'family', 'garbage');
    const { device } = await register(api, token, registerBody(fakeMachine()));
    const routes: [string, string][] = [
      ['POST', '/v1/subscriptions/activate'],
      ['PATCH', `/v1/subscriptions/${subscription.id}`],
      ['POST', '/v1/devices'],
      ['PATCH', `/v1/devices/${device.id}`],
      ['POST', `/v1/devices/${device.id}/transfer`],
      ['POST', `/v1/devices/${device.id}/heartbeat`],
      ['POST', '/v1/devices/invitations'],
      ['POST', '/v1/devices/invitations/accept'],
    ];
    const bodies = ['{bad', 'null', '[]', '"text"', '12', '{"name":{"$gt":""}}', JSON.stringify({ productKey: ['x'], autoRenew: 1, name: 7, fingerprint: null, platform: {} })];
    for (const [method, path] of routes) {
      for (const raw of bodies) {
        const answer = await api.request(method, path, { token, headers: { 'content-type': 'application/json' }, raw });
        expect(answer.status, `${method} ${path} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${method} ${path} ${raw}`).toBeLessThan(500);
        expect(answer.body).toHaveProperty('error.code');
      }
    }
    for (const path of ['/v1/devices/%E0%A4%A/heartbeat', `/v1/devices/${'x'.repeat(200)}`, "/v1/devices/1'%20or%20'1'='1"]) {
      const answer = await api.request('PATCH', path, { token, json: { name: 'x' } });
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
    }
    // Nothing of the above changed the device.
    expect((await devicesOf(token)).map((d) => [d.id, d.name, d.status])).toEqual([[device.id, device.name, 'active']]);
  });
});

describe('the device list', () => {
  it('renames, removes (freeing the seat at once) and lists most recently seen first', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'family', 'manage');
    const stranger = await subscribedAccount(api, smtp, service.services.db, 'family', 'manage-stranger');
    const aMachine = fakeMachine();
    const a = (await register(api, token, registerBody(aMachine, { name: 'Old laptop' }))).device;
    clock.advance(1000);
    const b = (await register(api, token, registerBody(fakeMachine(), { name: 'Desktop' }))).device;
    expect((await devicesOf(token)).map((d) => d.id)).toEqual([b.id, a.id]);
    clock.advance(1000);
    const hb = heartbeatResponseSchema.parse((await api.post(`/v1/devices/${a.id}/heartbeat`, heartbeatBody(aMachine), token)).body);
    expect(hb.lease).toBeTruthy();
    expect((await devicesOf(token)).map((d) => d.id)).toEqual([a.id, b.id]);

    const renamed = await api.patch(`/v1/devices/${a.id}`, { name: '  Kitchen laptop ' }, token);
    expect(deviceSchema.parse(renamed.body)).toMatchObject({ id: a.id, name: 'Kitchen laptop' });
    expectError(await api.patch(`/v1/devices/${a.id}`, { name: 'Bell\u0007' }, token), 400, 'VALIDATION_FAILED');
    expectError(await api.patch(`/v1/devices/${a.id}`, { name: 'y'.repeat(65) }, token), 400, 'VALIDATION_FAILED');
    expectError(await api.patch(`/v1/devices/${a.id}`, { name: 'Mine now' }, stranger.token), 404, 'NOT_FOUND');
    expectError(await api.patch('/v1/devices/42', { name: 'Nothing' }, token), 404, 'NOT_FOUND');

    expect(await seatsUsed(token, subscription.id)).toBe(2);
    expectError(await api.request('DELETE', `/v1/devices/${a.id}`, { token: stranger.token }), 404, 'NOT_FOUND');
    expect((await api.request('DELETE', `/v1/devices/${a.id}`, { token })).status).toBe(204);
    expect(await seatsUsed(token, subscription.id)).toBe(1);
    expectError(await api.request('DELETE', `/v1/devices/${crypto.randomUUID()}`, { token }), 404, 'NOT_FOUND');
    const listed = await devicesOf(token);
    expect(listed.find((d) => d.id === a.id)).toMatchObject({ status: 'deactivated', name: 'Kitchen laptop' });
    expect(listed.find((d) => d.id === b.id)).toMatchObject({ status: 'active' });
    expect(await devicesOf(stranger.token)).toEqual([]);

    // Deleting a deactivated device forgets it: gone from the list, no seat freed.
    expectError(await api.request('DELETE', `/v1/devices/${a.id}`, { token: stranger.token }), 404, 'NOT_FOUND');
    expect((await api.request('DELETE', `/v1/devices/${a.id}`, { token })).status).toBe(204);
    expect((await devicesOf(token)).map((d) => d.id)).toEqual([b.id]);
    expect(await seatsUsed(token, subscription.id)).toBe(1);
    expectError(await api.request('DELETE', `/v1/devices/${a.id}`, { token }), 404, 'NOT_FOUND');
  });
});

describe('heartbeats and leases', () => {
  it('renews the lease and last-seen time; a removed device gets 410 DEVICE_DEACTIVATED', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'family', 'heartbeat');
    const machine = fakeMachine();
    const { device } = await register(api, token, registerBody(machine));
    clock.advance(5 * 60_000); // within the access token's 10 minutes
    const answer = await api.post(`/v1/devices/${device.id}/heartbeat`, heartbeatBody(machine), token);
    expect(answer.status).toBe(200);
    const { lease } = heartbeatResponseSchema.parse(answer.body);
    const verified = await verifyLease(lease, (await publicKey()).jwk, { now: clock.now(), expectedFingerprint: machine.fingerprint });
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.lease).toMatchObject({ deviceId: device.id, protectedUntil: subscription.expiresAt });
    expect(Math.abs(Date.parse(verified.lease.issuedAt) - clock.now().getTime())).toBeLessThan(5_000);
    expect(Date.parse((await devicesOf(token))[0]!.lastSeenAt)).toBeGreaterThan(Date.parse(device.lastSeenAt));

    expectError(await api.post(`/v1/devices/${device.id}/heartbeat`, { fingerprint: 'not hex' }, token), 400, 'VALIDATION_FAILED');
    const stranger = await signedInAccount(api, smtp, 'heartbeat-stranger');
    expectError(await api.post(`/v1/devices/${device.id}/heartbeat`, heartbeatBody(machine), stranger.token), 404, 'NOT_FOUND');

    expect((await api.request('DELETE', `/v1/devices/${device.id}`, { token })).status).toBe(204);
    const gone = expectError(await api.post(`/v1/devices/${device.id}/heartbeat`, heartbeatBody(machine), token), 410, 'DEVICE_DEACTIVATED');
    expect(Math.abs(Date.parse(gone?.deactivatedAt as string) - clock.now().getTime())).toBeLessThan(5_000);
  });

  it('publishes the licence public key as an Ed25519 JWK, without the private part', async () => {
    const answer = await api.get('/v1/licence/public-key');
    expect(answer.status).toBe(200);
    const { alg, jwk } = licencePublicKeyResponseSchema.parse(answer.body);
    expect(alg).toBe('EdDSA');
    expect(Object.keys((answer.body as { jwk: object }).jwk).sort()).toEqual(['crv', 'kty', 'x']);
    expect(jwk.crv).toBe('Ed25519');
    // It is not the access-token key.
    const login = await signedInAccount(api, smtp, 'keys-differ');
    const accessHeader = JSON.parse(Buffer.from(login.token.split('.')[0]!, 'base64url').toString()) as { kid: string };
    await expect(compactVerify(login.token, await importJWK(jwk, 'EdDSA'))).rejects.toThrow();
    expect(accessHeader.kid).toBeTruthy();
  });
});

describe('the API document', () => {
  it('lists every subscription and device route', async () => {
    const doc = (await api.get('/v1/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    const expected: [string, string][] = [
      ['/v1/subscriptions', 'get'],
      ['/v1/subscriptions/activate', 'post'],
      ['/v1/subscriptions/{id}', 'patch'],
      ['/v1/devices', 'get'],
      ['/v1/devices', 'post'],
      ['/v1/devices/{id}', 'patch'],
      ['/v1/devices/{id}', 'delete'],
      ['/v1/devices/{id}/transfer', 'post'],
      ['/v1/devices/{id}/heartbeat', 'post'],
      ['/v1/devices/invitations', 'post'],
      ['/v1/licence/public-key', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(doc.paths['/v1/devices']?.post?.parameters).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header' }));
  });
});

// Moves the shared clock years ahead: keep last.
describe('an ended subscription', () => {
  it('takes no new devices: 409 SUBSCRIPTION_EXPIRED', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'family', 'expired');
    const keptMachine = fakeMachine();
    const kept = await register(api, account.token, registerBody(keptMachine));
    clock.advance(400 * DAY);
    const { accessToken } = await signIn(api, account.email, account.password);
    expect(expectError(await api.post('/v1/devices', registerBody(fakeMachine()), accessToken), 409, 'SUBSCRIPTION_EXPIRED')).toMatchObject({
      subscriptionId: account.subscription.id,
    });
    expectError(await api.post('/v1/devices', registerBody(fakeMachine(), { subscriptionId: account.subscription.id }), accessToken), 409, 'SUBSCRIPTION_EXPIRED');
    // Its device still answers heartbeats; the lease says until when it was protected.
    const { lease } = heartbeatResponseSchema.parse((await api.post(`/v1/devices/${kept.device.id}/heartbeat`, heartbeatBody(keptMachine), accessToken)).body);
    const claims = JSON.parse(Buffer.from(lease.split('.')[1]!, 'base64url').toString()) as { protectedUntil: string };
    expect(Date.parse(claims.protectedUntil)).toBeLessThan(clock.now().getTime());
    // A new key brings protection back, and the next registration goes there.
    const [key] = await mintKeys(service.services.db, 'essentials');
    const renewed = await activate(api, accessToken, key!);
    expect((await register(api, accessToken, registerBody(fakeMachine()))).device.subscriptionId).toBe(renewed.id);
  });
});
