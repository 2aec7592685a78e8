import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../electron/services/api/api-client';
import { createLicenceApi } from '../../../electron/services/api/licence-api';
import { PinnedKeyStore } from '../../../electron/services/licence';
import { createLeaseAcceptor } from '../../../electron/services/this-computer/lease-acceptor';
import { pinnedKeyStorage } from '../../../electron/services/this-computer/this-computer-stores';
import { createMemoryStore } from '../../../electron/services/storage/key-value-store';
import { AppFailure } from '../../../shared/errors';
import { json, type LocalService, startLocalService } from '../electron/support/local-service';
import { leasePayload, licenceKeyPair, NOW, signLease } from './lease-keys';

let service: LocalService;
let published: Awaited<ReturnType<typeof licenceKeyPair>>;
beforeEach(async () => {
  service = await startLocalService();
  published = await licenceKeyPair();
  service.route('GET', '/v1/licence/public-key', (_hit, res) =>
    json(res, 200, { alg: 'EdDSA', jwk: published.publicJwk }),
  );
});
afterEach(async () => {
  await service.close();
});

function acceptor() {
  const api = createApiClient({ baseUrl: service.url, getAccessToken: async () => 't', retries: 0 });
  const pins = new PinnedKeyStore(pinnedKeyStorage(createMemoryStore(), service.url), { now: () => NOW });
  const keyChanges: boolean[] = [];
  const leases = createLeaseAcceptor({
    licence: createLicenceApi(api),
    pins,
    now: () => NOW,
    onKeyChange: (c) => keyChanges.push(c),
  });
  return { leases, keyChanges };
}

const expected = { deviceId: 'dev_1', fingerprint: 'f'.repeat(64) };

describe('the lease acceptor', () => {
  it('pins the service’s key at first use and accepts its leases for this device and machine', async () => {
    const { leases } = acceptor();
    const jws = await signLease(leasePayload(), published.privateKey);
    expect(await leases.accept(jws, expected)).toEqual(leasePayload());
    expect(await leases.reverify(jws, expected)).toEqual(leasePayload());
    expect(service.count('GET', '/v1/licence/public-key')).toBe(1);
  });

  it('refuses a lease for another device as LEASE_INVALID, and finds a stored one no longer counts', async () => {
    const { leases } = acceptor();
    const jws = await signLease(leasePayload({ deviceId: 'dev_2' }), published.privateKey);
    await expect(leases.accept(jws, expected)).rejects.toMatchObject({
      code: 'LEASE_INVALID',
      details: { reason: 'malformed' },
    });
    expect(await leases.reverify(jws, expected)).toBeNull();
    expect(await leases.reverify(null, expected)).toBeNull();
  });

  it('learns of a changed key when a lease signed with it arrives, and says so', async () => {
    const { leases, keyChanges } = acceptor();
    await leases.accept(await signLease(leasePayload(), published.privateKey), expected);
    published = await licenceKeyPair();
    const failure = await leases
      .accept(await signLease(leasePayload(), published.privateKey), expected)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).code).toBe('LICENCE_KEY_CHANGED');
    expect(leases.keyChanged()).toBe(true);
    expect(keyChanges).toEqual([true]);
  });
});
