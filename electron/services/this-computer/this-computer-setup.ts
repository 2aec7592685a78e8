import type { DeviceFingerprint } from '../../../shared/api/devices';
import type { ApiClient } from '../api/api-client';
import type { DevicesApi } from '../api/devices-api';
import { createLicenceApi } from '../api/licence-api';
import type { AppEvents } from '../events/app-events';
import { FingerprintService, readFingerprint } from '../fingerprint';
import { PinnedKeyStore } from '../licence';
import { describeError, type Logger } from '../log/logger';
import type { KeyValueStore } from '../storage/key-value-store';
import { defaultDeviceName, describeMachine } from './machine-description';
import { syntheticFingerprint } from './synthetic-machine';
import { createThisComputerService, type ThisComputerService } from './this-computer-service';
import { fingerprintCache, pinnedKeyStorage, thisDeviceRecordStore } from './this-computer-stores';

export interface ThisComputerSetupOptions {
  api: ApiClient;
  devicesApi: DevicesApi;
  apiBaseUrl: string;
  store: KeyValueStore;
  events: AppEvents;
  appVersion: string;
  logger: Logger;
  /** A synthetic machine instead of this one's hardware (the browser host's --machine-seed). */
  machineSeed?: string | undefined;
  heartbeatIntervalMs?: number | undefined;
  /** The suggested name when the host name is unusable, in the app's language. */
  fallbackName?: string | undefined;
}

export interface ThisComputer {
  fingerprint: FingerprintService;
  thisComputer: ThisComputerService;
}

/** This computer's fingerprint and its service, wired to one API client and store. */
export function createThisComputer(options: ThisComputerSetupOptions): ThisComputer {
  const { api, devicesApi, apiBaseUrl, store, events, appVersion, logger, machineSeed } = options;
  const seeded = machineSeed !== undefined && machineSeed.trim() !== '';
  const compute = seeded ? async (): Promise<DeviceFingerprint> => syntheticFingerprint(machineSeed) : readFingerprint;
  const fingerprint = new FingerprintService({
    cache: fingerprintCache(store),
    compute,
    onError: (error) => logger.warn('could not compute the fingerprint', { error: describeError(error) }),
  });
  const hostName = defaultDeviceName(undefined, options.fallbackName);
  const thisComputer = createThisComputerService({
    devices: devicesApi,
    licence: createLicenceApi(api),
    fingerprint,
    pins: new PinnedKeyStore(pinnedKeyStorage(store, apiBaseUrl)),
    records: thisDeviceRecordStore(store, apiBaseUrl),
    describeMachine: () => describeMachine(),
    events,
    // Two seeded hosts on one machine should not suggest the same name.
    suggestedName: seeded ? defaultDeviceName(`${hostName} (${machineSeed.trim()})`, options.fallbackName) : hostName,
    appVersion,
    logger: logger.child('this-computer'),
    ...(options.heartbeatIntervalMs !== undefined && { heartbeatIntervalMs: options.heartbeatIntervalMs }),
  });
  return { fingerprint, thisComputer };
}
