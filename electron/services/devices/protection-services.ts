import type { DeviceFingerprint } from '../../../shared/api/devices';
import type { ThisComputerState } from '../../../shared/contract/protection';
import type { ApiClient } from '../api/api-client';
import { createDevicesApi } from '../api/devices-api';
import { createLicenceApi } from '../api/licence-api';
import { createSubscriptionsApi } from '../api/subscriptions-api';
import { computeFingerprint, FingerprintService } from '../fingerprint';
import { PinnedKeyStore } from '../licence';
import { describeError, type Logger } from '../log/logger';
import { createAccountDevicesService } from './account-devices';
import { fingerprintCache, pinnedKeyStorage, thisDeviceRecordStore } from './device-stores';
import type { KeyValueStore } from './key-value-store';
import { defaultDeviceName, describeMachine } from './machine-description';
import { createSubscriptionsService } from './product-activation';
import type { ProtectionServices } from './protection-handlers';
import { syntheticFingerprint } from './synthetic-machine';
import { createThisComputerService } from './this-computer-service';

export interface ProtectionOptions {
  api: ApiClient;
  apiBaseUrl: string;
  store: KeyValueStore;
  appVersion: string;
  logger: Logger;
  /** A synthetic machine instead of this one's hardware (the browser host's --machine-seed). */
  machineSeed?: string | undefined;
  heartbeatIntervalMs?: number | undefined;
  onChange(state: ThisComputerState): void;
}

export interface Protection extends ProtectionServices {
  fingerprint: FingerprintService;
}

/** Subscriptions, this computer and the account's devices, wired to one API client and store. */
export function createProtection(options: ProtectionOptions): Protection {
  const { api, apiBaseUrl, store, appVersion, logger, machineSeed } = options;
  const seeded = machineSeed !== undefined && machineSeed.trim() !== '';
  const compute = seeded ? async (): Promise<DeviceFingerprint> => syntheticFingerprint(machineSeed) : () => computeFingerprint();
  const fingerprint = new FingerprintService({
    cache: fingerprintCache(store),
    compute,
    onError: (error) => logger.warn('could not compute the fingerprint', { error: describeError(error) }),
  });
  const devicesApi = createDevicesApi(api);
  const hostName = defaultDeviceName();
  const thisComputer = createThisComputerService({
    devices: devicesApi,
    licence: createLicenceApi(api),
    fingerprint,
    pins: new PinnedKeyStore(pinnedKeyStorage(store, apiBaseUrl)),
    records: thisDeviceRecordStore(store, apiBaseUrl),
    describeMachine: () => describeMachine(),
    // Two seeded hosts on one machine should not suggest the same name.
    suggestedName: seeded ? defaultDeviceName(`${hostName} (${machineSeed.trim()})`) : hostName,
    appVersion,
    logger: logger.child('this-computer'),
    onChange: options.onChange,
    ...(options.heartbeatIntervalMs !== undefined && { heartbeatIntervalMs: options.heartbeatIntervalMs }),
  });
  return {
    fingerprint,
    thisComputer,
    subscriptions: createSubscriptionsService(createSubscriptionsApi(api)),
    devices: createAccountDevicesService(devicesApi, thisComputer),
  };
}
