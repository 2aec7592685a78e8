import type { CryptoKey } from 'jose';
import type { Device, LicencePublicJwk } from '../../../../shared/api/devices';
import { createApiClient } from '../../../../electron/services/api/api-client';
import { createDevicesApi } from '../../../../electron/services/api/devices-api';
import { createLicenceApi } from '../../../../electron/services/api/licence-api';
import { fingerprintCache, pinnedKeyStorage, thisDeviceRecordStore } from '../../../../electron/services/this-computer/this-computer-stores';
import { createMemoryStore, type KeyValueStore } from '../../../../electron/services/storage/key-value-store';
import { syntheticFingerprint } from '../../../../electron/services/this-computer/synthetic-machine';
import {
  createThisComputerService,
  type ThisComputerOptions,
  type ThisComputerService,
} from '../../../../electron/services/this-computer/this-computer-service';
import { type AppEvents, createAppEvents } from '../../../../electron/services/events/app-events';
import { createEventHub } from '../../../../electron/services/ipc/event-hub';
import { FingerprintService } from '../../../../electron/services/fingerprint';
import { PinnedKeyStore } from '../../../../electron/services/licence';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import { leasePayload, licenceKeyPair, NOW, signLease } from '../../licence/lease-keys';
import { errorBody, json, type LocalService, startLocalService } from '../../electron/support/local-service';

const DAY = 86_400_000;

export const device = (overrides: Partial<Device> = {}): Device => ({
  id: 'dev_1',
  name: 'Anna’s laptop',
  os: 'Debian GNU/Linux 12',
  platform: 'linux',
  subscriptionId: 'sub_1',
  status: 'active',
  registeredAt: new Date(NOW.getTime() - 10 * DAY).toISOString(),
  lastSeenAt: NOW.toISOString(),
  ...overrides,
});

/**
 * A small stand-in for the account service's device routes over real HTTP, signing real
 * Ed25519 leases. Each test changes its answers (`heartbeatAnswer`, `key`) to make the
 * situation it needs, and reads back what the client sent from `service.hits`.
 */
export interface DeviceService {
  service: LocalService;
  /** The licence key it signs with and publishes; replace it to rotate the key. */
  key: { privateKey: CryptoKey; publicJwk: LicencePublicJwk };
  device: Device;
  /** When set, heartbeats answer this status and error code instead of a lease. */
  heartbeatError?: { status: number; code: string; details?: Record<string, unknown> } | undefined;
  lease(fingerprint: string, overrides?: Parameters<typeof leasePayload>[0]): Promise<string>;
}

export async function startDeviceService(): Promise<DeviceService> {
  const service = await startLocalService();
  const state: DeviceService = {
    service,
    key: await licenceKeyPair(),
    device: device(),
    lease: (fingerprint, overrides = {}) =>
      signLease(leasePayload({ deviceId: state.device.id, fingerprint, ...overrides }), state.key.privateKey),
  };
  service.route('GET', '/v1/licence/public-key', (_hit, res) => json(res, 200, { alg: 'EdDSA', jwk: state.key.publicJwk }));
  service.route('POST', '/v1/devices', async (hit, res) => {
    const body = hit.body as { fingerprint: string };
    json(res, 201, { device: state.device, lease: await state.lease(body.fingerprint) });
  });
  service.route('POST', `/v1/devices/${state.device.id}/heartbeat`, async (hit, res) => {
    const error = state.heartbeatError;
    if (error) return json(res, error.status, errorBody(error.code, error.code, error.details));
    json(res, 200, { lease: await state.lease((hit.body as { fingerprint: string }).fingerprint) });
  });
  return state;
}

export interface Computer {
  thisComputer: ThisComputerService;
  store: KeyValueStore;
  /** Every `thisComputer.changed` it published. */
  changes: ThisComputerState[];
  /** The events it publishes and reacts to, as the app's other services share them. */
  events: AppEvents;
  fingerprint: FingerprintService;
  /** The fingerprint this machine presents (synthetic: the OS is what unit tests fake). */
  fingerprintValue: string;
  /** The component hashes that fingerprint is made of. */
  components: string[];
}

/**
 * This computer's service as the app wires it, talking to `url` over real HTTP; only the
 * hardware is made up (a seeded synthetic machine).
 */
export function makeComputer(
  url: string,
  options: { store?: KeyValueStore; seed?: string; now?: () => Date; retries?: number } & Partial<Pick<ThisComputerOptions, 'heartbeatIntervalMs' | 'newIdempotencyKey'>> = {},
): Computer {
  const store = options.store ?? createMemoryStore();
  const seed = options.seed ?? 'unit-test-machine';
  const api = createApiClient({
    baseUrl: url,
    getAccessToken: async () => 'unit-test-access-token',
    retries: options.retries ?? 0,
    retryBaseDelayMs: 5,
    timeoutMs: 2_000,
  });
  const fingerprint = new FingerprintService({ cache: fingerprintCache(store), compute: async () => syntheticFingerprint(seed) });
  const changes: ThisComputerState[] = [];
  const events = createAppEvents(createEventHub());
  events.on('thisComputer.changed', (s) => changes.push(s));
  const thisComputer = createThisComputerService({
    devices: createDevicesApi(api),
    licence: createLicenceApi(api),
    fingerprint,
    pins: new PinnedKeyStore(pinnedKeyStorage(store, url)),
    records: thisDeviceRecordStore(store, url),
    describeMachine: async () => ({ os: 'Debian GNU/Linux 12', platform: 'linux' }),
    suggestedName: 'anna-laptop',
    appVersion: '0.1.0',
    now: options.now ?? (() => NOW),
    events,
    ...(options.heartbeatIntervalMs !== undefined && { heartbeatIntervalMs: options.heartbeatIntervalMs }),
    ...(options.newIdempotencyKey !== undefined && { newIdempotencyKey: options.newIdempotencyKey }),
  });
  return { thisComputer, store, changes, events, fingerprint, fingerprintValue: syntheticFingerprint(seed).fingerprint, components: syntheticFingerprint(seed).components.map((c) => c.hash) };
}
