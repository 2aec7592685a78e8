import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { hashComponents } from '../../../electron/services/fingerprint/hash-components';
import { ComponentKeys, componentSecretFile } from '../../../server/src/devices/component-keys';
import { rekeyStoredComponents } from '../../../server/src/devices/rekey-components';
import { useService } from '../../support/use-service';
import { register, registerBody, subscribedAccount } from './protection-fixture';

const { service, smtp, api } = useService();

/** A computer as the desktop app describes it: a board, a disk, a network card, an OS id. */
function computer(mac: string) {
  return hashComponents([
    { kind: 'hardwareUuid', value: randomUUID().toUpperCase() },
    { kind: 'baseboardSerial', value: `BSN${randomUUID().slice(0, 8)}` },
    { kind: 'diskSerial', value: `WD-${randomUUID().slice(0, 12)}` },
    { kind: 'mac', value: mac },
    { kind: 'osMachineId', value: randomUUID().replaceAll('-', '') },
  ]);
}

/**
 * What the review did with a database copy: a MAC address is a known vendor prefix and 24
 * bits, and the app key that hashes components on the client ships in the app, so
 * hashing every candidate and looking for it among the stored hashes finds the address.
 * Here the search is narrowed to 4 096 candidates around the real address, enough to show
 * whether a stored value can be matched at all.
 */
function searchMacs(stored: ReadonlySet<string>, transform: (clientHash: string) => string = (h) => h): string | undefined {
  for (let n = 0; n < 0x1000; n++) {
    const mac = `a4:83:e7:3c:${(0x90 + (n >> 8)).toString(16)}:${(n & 0xff).toString(16).padStart(2, '0')}`;
    const clientHash = hashComponents([{ kind: 'mac', value: mac }]).components[0]!.hash;
    if (stored.has(transform(clientHash))) return mac;
  }
  return undefined;
}

describe('MAC addresses from a database copy', () => {
  it('cannot be found: the database holds none of the client’s hashes, only ones keyed with the service secret', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'database-copy');
    const mac = 'a4:83:e7:3c:9d:17';
    const fingerprint = computer(mac);
    const sent = fingerprint.components.map((c) => c.hash);
    const { device } = await register(api, token, registerBody({ fingerprint: fingerprint.fingerprint, components: sent }));

    // The copy: everything the devices table holds about the machine.
    const row = await service.services.db.selectFrom('devices').selectAll().where('id', '=', device.id).executeTakeFirstOrThrow();
    const copy = JSON.stringify(await service.services.db.selectFrom('devices').selectAll().execute());
    for (const hash of [...sent, fingerprint.fingerprint]) expect(copy).not.toContain(hash);
    expect(row.components).toHaveLength(sent.length);

    const stored = new Set([...row.components, row.fingerprint]);
    expect(searchMacs(stored)).toBeUndefined();

    // With the secret (kept outside the database, owner-only) the same search finds it:
    // the secret, and only the secret, is what stands between a copy and the address.
    const secretFile = componentSecretFile(service.services.config.keysDir);
    const secret = (await readFile(secretFile, 'utf8')).trim();
    expect(copy).not.toContain(secret);
    expect(searchMacs(stored, (h) => createHmac('sha256', secret).update(h).digest('hex'))).toBe(mac);
  });

  it('keys rows stored before the service secret once, at start, and still knows their machines', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'family', 'rekey');
    const { user_id: userId } = await service.services.db.selectFrom('subscriptions').select('user_id').where('id', '=', subscription.id).executeTakeFirstOrThrow();
    const fingerprint = computer('00:1b:63:84:45:e6');
    const sent = fingerprint.components.map((c) => c.hash);
    const id = randomUUID();
    const now = new Date();
    // A row as the service wrote it before: the client's own hashes.
    await service.services.db
      .insertInto('devices')
      .values({
        id,
        user_id: userId,
        subscription_id: subscription.id,
        name: 'Old row',
        os: 'Windows 11',
        platform: 'windows',
        app_version: '1.0.0',
        fingerprint: fingerprint.fingerprint,
        components: sent,
        status: 'active',
        registered_at: now,
        last_seen_at: now,
        deactivated_at: null,
        deactivated_reason: null,
        replaces_device_id: null,
      })
      .execute();

    // What start-up runs (protection-routes.ts), with the secret this service uses.
    const keys = await ComponentKeys.load(service.services.config);
    expect(await rekeyStoredComponents(service.services.db, keys)).toBe(1);
    expect(await rekeyStoredComponents(service.services.db, keys)).toBe(0);
    const row = await service.services.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.components_keyed).toBe(true);
    expect(row.components.some((c) => sent.includes(c))).toBe(false);
    expect(row.fingerprint).not.toBe(fingerprint.fingerprint);

    // The machine is still that device: registering it again finds it, and its heartbeat passes.
    const again = await register(api, token, registerBody({ fingerprint: fingerprint.fingerprint, components: sent }), 200);
    expect(again.device.id).toBe(id);
    expect((await api.post(`/v1/devices/${id}/heartbeat`, { fingerprint: fingerprint.fingerprint, components: sent }, token)).status).toBe(200);
  });
});
