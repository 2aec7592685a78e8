import { request as httpRequest } from 'node:http';
import { compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { licencePublicKeyResponseSchema, heartbeatResponseSchema } from '../../../shared/api/devices';
import { leasePayloadSchema } from '../../../shared/lease';
import { useCluster } from '../../support/use-cluster';
import { activate, fakeMachine, heartbeatBody, mintKeys, register, registerBody } from '../protection/protection-fixture';
import { client, expectError, expectTokens, GOOD_PASSWORD, linkToken, signIn, uniqueEmail } from '../server/http';

/** Low enough to reach in a test; each check below uses a client address of its own. */
const AUTH_RATE_LIMIT = 10;
const { enabled, cluster, smtp } = useCluster({ env: { AUTH_RATE_LIMIT: String(AUTH_RATE_LIMIT) } });

it.runIf(!enabled)('runs on PostgreSQL only (set DATABASE_URL)', () => {});

/** Each instance straight, past the balancer. */
const instances = () => cluster().instanceUrls.map((url) => client(url));

describe.runIf(enabled)('what one instance makes is good on every other', () => {
  it('an e-mailed confirmation link, a sign-in, a refresh token and a reset link, each used on another instance', async () => {
    const [one, two, three] = instances() as [ReturnType<typeof client>, ReturnType<typeof client>, ReturnType<typeof client>];
    const email = uniqueEmail('cluster-tokens');
    expect((await one.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Many Instances' })).status).toBe(202);
    const confirmation = linkToken(await smtp().waitForMessage(email, { subject: /confirm/i }), '/confirm');
    // The link leads to the balancer (PUBLIC_URL), not to the instance that wrote the mail.
    expect(confirmation.link.startsWith(`${cluster().url}/confirm?`), confirmation.link).toBe(true);
    expect((await two.post('/v1/auth/confirm', { token: confirmation.token })).status).toBe(200);

    const tokens = await signIn(one, email, GOOD_PASSWORD);
    for (const api of [one, two, three]) {
      const account = await api.get('/v1/account', tokens.accessToken);
      expect(account.status, JSON.stringify(account.body)).toBe(200);
      expect(account.body).toMatchObject({ email });
    }

    // Refreshed on another instance; the new access token works on a third; the spent
    // refresh token is known as spent there too (one family, one database).
    const refreshed = expectTokens(await two.post('/v1/auth/refresh', { refreshToken: tokens.refreshToken }));
    expect((await three.get('/v1/account', refreshed.accessToken)).status).toBe(200);
    expectError(await three.post('/v1/auth/refresh', { refreshToken: tokens.refreshToken }), 401, 'REFRESH_REUSED');

    expect((await three.post('/v1/auth/password/forgot', { email })).status).toBe(202);
    const reset = linkToken(await smtp().waitForMessage(email, { subject: /reset/i }), '/reset-password');
    const newPassword = 'another quiet lighthouse at dusk';
    expect((await one.post('/v1/auth/password/reset', { token: reset.token, password: newPassword })).status).toBe(204);
    await signIn(two, email, newPassword);
  });

  it('a lease made by one instance verifies with the licence key every instance publishes, and another renews it', async () => {
    const apis = instances();
    const [one, two, three] = apis as [ReturnType<typeof client>, ReturnType<typeof client>, ReturnType<typeof client>];
    const email = uniqueEmail('cluster-lease');
    expect((await two.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Lease Person' })).status).toBe(202);
    expect((await three.post('/v1/auth/confirm', { token: linkToken(await smtp().waitForMessage(email, { subject: /confirm/i }), '/confirm').token })).status).toBe(200);
    const { accessToken } = await signIn(one, email, GOOD_PASSWORD);
    const [key] = await mintKeys(cluster().db, 'family');
    await activate(two, accessToken, key!);

    const machine = fakeMachine();
    const registered = await register(one, accessToken, registerBody(machine));
    const publicKeys = await Promise.all(apis.map(async (api) => licencePublicKeyResponseSchema.parse((await api.get('/v1/licence/public-key')).body)));
    // One licence key for the deployment: an app that pinned it accepts a lease from any instance.
    expect(publicKeys[1]).toEqual(publicKeys[0]);
    expect(publicKeys[2]).toEqual(publicKeys[0]);
    const { payload } = await compactVerify(registered.lease, await importJWK(publicKeys[2]!.jwk, 'EdDSA'));
    expect(leasePayloadSchema.parse(JSON.parse(new TextDecoder().decode(payload)))).toMatchObject({ deviceId: registered.device.id });

    const renewed = await three.post(`/v1/devices/${registered.device.id}/heartbeat`, heartbeatBody(machine), accessToken);
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    const renewedLease = heartbeatResponseSchema.parse(renewed.body).lease;
    await compactVerify(renewedLease, await importJWK(publicKeys[0]!.jwk, 'EdDSA'));
  });
});

/** A POST from a loopback address of the test's choosing, so its rate-limit bucket is its own. */
function postFrom(localAddress: string, baseUrl: string, path: string, json: unknown): Promise<number> {
  const body = JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      new URL(path, baseUrl),
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (answer) => {
        answer.resume();
        answer.once('end', () => resolve(answer.statusCode ?? 0));
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

describe.runIf(enabled && process.env.REDIS_URL)('rate limits', () => {
  it('count one client across every instance and the balancer alike (shared through Redis)', async () => {
    // Straight to the instances the peer is 127.0.0.7; through HAProxy the instances read it
    // from X-Forwarded-For (TRUST_PROXY): one client, one count.
    const client = '127.0.0.7';
    const targets = [...cluster().instanceUrls, cluster().url];
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_RATE_LIMIT; i++) {
      statuses.push(await postFrom(client, targets[i % targets.length]!, '/v1/auth/password/forgot', { email: uniqueEmail('limited') }));
    }
    expect(statuses).toEqual(Array.from({ length: AUTH_RATE_LIMIT }, () => 202));
    // Each instance saw a few of the ten; per process none would be at its limit yet.
    for (const target of targets) {
      expect(await postFrom(client, target, '/v1/auth/password/forgot', { email: uniqueEmail('limited') }), target).toBe(429);
    }
    // Another client is not held back by the first one's count.
    expect(await postFrom('127.0.0.8', cluster().url, '/v1/auth/password/forgot', { email: uniqueEmail('other') })).toBe(202);
  });
});
