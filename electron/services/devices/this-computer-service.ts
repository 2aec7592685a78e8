import { randomUUID } from 'node:crypto';
import { type Device, type DeviceFingerprint, type RegisterDeviceBody, seatLimitDetailsSchema } from '../../../shared/api/devices';
import type { ThisComputerState } from '../../../shared/contract/protection';
import { AppFailure, type ErrorCode } from '../../../shared/errors';
import type { LeasePayload } from '../../../shared/lease';
import type { DevicesApi, RegisterResponse } from '../api/devices-api';
import type { LicenceApi } from '../api/licence-api';
import type { FingerprintService } from '../fingerprint';
import type { PinnedKeyStore } from '../licence';
import { type Logger, describeError, silentLogger } from '../log/logger';
import type { ThisDeviceRecord, ThisDeviceRecordStore } from './device-stores';
import type { MachineDescription } from './machine-description';

export const HEARTBEAT_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface ThisComputerOptions {
  devices: DevicesApi;
  licence: LicenceApi;
  fingerprint: FingerprintService;
  pins: PinnedKeyStore;
  records: ThisDeviceRecordStore;
  describeMachine: () => Promise<MachineDescription>;
  /** The name registration uses when none is given: the host name. */
  suggestedName: string;
  appVersion: string;
  now?: () => Date;
  heartbeatIntervalMs?: number;
  /** One per user action; the API client reuses it on its retries. */
  newIdempotencyKey?: () => string;
  logger?: Logger;
  onChange?: (state: ThisComputerState) => void;
}

export interface RegisterInput {
  subscriptionId?: string | undefined;
  name?: string | undefined;
}

export interface ThisComputerService {
  /** Reads the stored lease and listens for fingerprint changes; returns at once. */
  start(): void;
  stop(): void;
  status(): Promise<ThisComputerState>;
  register(input: RegisterInput): Promise<ThisComputerState>;
  /** Moves protection from another device of the account to this computer. */
  moveFrom(deviceId: string): Promise<ThisComputerState>;
  /** Heartbeat now. Outcomes the state can show (removed, expired, offline) are not errors. */
  check(): Promise<ThisComputerState>;
  shares(): Promise<DeviceFingerprint>;
  /** Who is signed in, from the session; null once nobody is. */
  setUser(userId: string | null): void;
  /** An explicit sign-out: forgets this account's device here, even if the session never came back. */
  signedOut(): void;
  /** The network came or went. */
  networkChanged(online: boolean): void;
  /** This computer's device id on the account, if it has one (active or removed). */
  thisDeviceId(): string | null;
  /** Another part of the app changed a device (renamed, deactivated it). */
  deviceUpdated(device: Device): void;
  deviceDeactivated(id: string): void;
  /** The account's device list shows this computer's device; a removal not yet known here is checked at once. */
  deviceListed(device: Device): void;
}

const transportCodes: ReadonlySet<ErrorCode> = new Set(['NETWORK_OFFLINE', 'TIMEOUT', 'INTERNAL']);
const codeOf = (error: unknown): ErrorCode | undefined => (error instanceof AppFailure ? error.code : undefined);
const notSignedIn = () => new AppFailure({ code: 'NOT_SIGNED_IN', message: 'Sign in to continue.' });

/**
 * This computer as a device of the signed-in account: registration, the 6-hourly
 * heartbeat, leases checked offline against the pinned licence key, and the state the
 * dashboard shows. Every change of that state is reported through `onChange`.
 *
 * Calls that talk to the service run one at a time, and a sign-out or account switch
 * (a new `generation`) makes answers still in flight for the old account count for nothing.
 */
export function createThisComputerService(options: ThisComputerOptions): ThisComputerService {
  const {
    devices,
    licence,
    fingerprint,
    pins,
    records,
    suggestedName,
    appVersion,
    now = () => new Date(),
    heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS,
    newIdempotencyKey = randomUUID,
    logger = silentLogger,
    onChange,
  } = options;

  let userId: string | null = null;
  let record: ThisDeviceRecord | undefined = records.get();
  /** The stored lease, verified; null when there is none or it does not verify. */
  let verified: LeasePayload | null = null;
  let offline = false;
  let licenceKeyChanged = false;
  /** The service said the subscription has ended (register or heartbeat). */
  let subscriptionExpired = false;
  /** When the service last answered about this computer, when no record holds it. */
  let checkedAt: string | null = null;
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastEmitted = '';
  let queue: Promise<unknown> = Promise.resolve();
  let machine: Promise<MachineDescription> | undefined;
  let unsubscribeFingerprint: (() => void) | undefined;
  let loaded: Promise<void> | undefined;

  /** One service conversation at a time (a heartbeat never races a registration). */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  }

  function snapshot(): ThisComputerState {
    const base = {
      device: record?.device ?? null,
      protectedUntil: verified?.protectedUntil ?? null,
      leaseExpiresAt: verified?.expiresAt ?? null,
      lastCheckedAt: record?.lastCheckedAt ?? checkedAt,
      removedAt: record?.removedAt ?? null,
      offline,
      licenceKeyChanged,
      suggestedName,
    };
    if (record?.removedAt) return { ...base, state: 'removed' };
    if (userId === null && verified === null) return { ...base, state: 'signedOut' };
    if (subscriptionExpired) return { ...base, state: 'expired' };
    if (verified !== null) {
      return { ...base, state: Date.parse(verified.protectedUntil) <= now().getTime() ? 'expired' : 'protected' };
    }
    return { ...base, state: 'unregistered' };
  }

  function emit() {
    const state = snapshot();
    const serialized = JSON.stringify(state);
    if (serialized === lastEmitted) return;
    lastEmitted = serialized;
    onChange?.(state);
  }

  function save(next: ThisDeviceRecord | undefined) {
    record = next;
    if (next) records.set(next);
    else records.clear();
  }

  /** Checks the stored lease again: it may have expired, or the fingerprint moved. */
  async function reverify() {
    const lease = record?.lease;
    if (!lease) {
      verified = null;
      return;
    }
    const result = await pins.verify(lease, { now: now(), expectedFingerprint: fingerprint.peek()?.fingerprint });
    verified = result.ok && result.lease.deviceId === record?.device.id ? result.lease : null;
    if (!result.ok) logger.info('the stored lease does not verify', { reason: result.reason });
  }

  function load(): Promise<void> {
    loaded ??= reverify().then(emit, (error: unknown) => logger.warn('could not read the stored lease', { error: describeError(error) }));
    return loaded;
  }

  async function current(): Promise<ThisComputerState> {
    await load();
    await reverify();
    emit();
    return snapshot();
  }

  /** Trust on first use: pins the service's key, or learns that it changed (and says so). */
  async function pinServiceKey() {
    const accepted = await pins.accept(await licence.publicKey());
    if (!accepted.ok) {
      licenceKeyChanged = true;
      emit();
      throw new AppFailure(accepted.error);
    }
    licenceKeyChanged = false;
  }

  /** A lease just received: signed by the pinned key, for this device and this machine. */
  async function acceptLease(jws: string, expected: { deviceId: string; fingerprint: string }): Promise<LeasePayload> {
    if (pins.pinned() === undefined) await pinServiceKey();
    let result = await pins.verify(jws, { now: now(), expectedFingerprint: expected.fingerprint });
    if (!result.ok && result.reason === 'signature') {
      // Forged, or signed with a new key: asking for the service's key tells which.
      await pinServiceKey();
      result = await pins.verify(jws, { now: now(), expectedFingerprint: expected.fingerprint });
    }
    if (result.ok && result.lease.deviceId !== expected.deviceId) result = { ok: false, reason: 'malformed' };
    if (!result.ok) {
      logger.warn('refused a lease from the service', { reason: result.reason });
      throw new AppFailure({
        code: 'LEASE_INVALID',
        message: 'The licence the account service sent for this computer could not be verified.',
        details: { reason: result.reason },
      });
    }
    licenceKeyChanged = false;
    return result.lease;
  }

  function requireUser(): string {
    if (userId === null) throw notSignedIn();
    return userId;
  }

  async function registrationBody(name: string | undefined, subscriptionId: string | undefined): Promise<RegisterDeviceBody> {
    machine ??= options.describeMachine();
    const [fp, description] = await Promise.all([fingerprint.current(), machine]);
    return {
      ...(subscriptionId !== undefined && { subscriptionId }),
      fingerprint: fp.fingerprint,
      components: fp.components.map((c) => c.hash),
      name: name ?? suggestedName,
      os: description.os,
      platform: description.platform,
      appVersion,
    };
  }

  /** Errors of register and transfer the state shows, and the seat-limit list in a useful order. */
  function registrationFailure(error: unknown): unknown {
    const code = codeOf(error);
    if (code === 'SUBSCRIPTION_EXPIRED') {
      subscriptionExpired = true;
      checkedAt = now().toISOString();
      emit();
    } else if (code && transportCodes.has(code)) {
      offline = true;
      emit();
    } else if (code === 'SEAT_LIMIT_REACHED' && error instanceof AppFailure) {
      // The renderer offers to free one, oldest activity first (issue 3, "seat-limit flow").
      const parsed = seatLimitDetailsSchema.safeParse(error.details);
      const devices = parsed.success ? [...parsed.data.devices].sort((a, b) => Date.parse(a.lastSeenAt) - Date.parse(b.lastSeenAt)) : [];
      return new AppFailure({ ...error.toError(), details: { ...error.details, devices } });
    }
    return error;
  }

  /** Makes a registration answer this computer's record, if it is still for the signed-in account. */
  async function adopt(response: RegisterResponse, body: RegisterDeviceBody, owner: string, started: number): Promise<ThisComputerState> {
    const lease = await acceptLease(response.lease, { deviceId: response.device.id, fingerprint: body.fingerprint });
    if (started !== generation || userId !== owner) throw notSignedIn();
    save({ userId: owner, device: response.device, lease: response.lease, removedAt: null, lastCheckedAt: now().toISOString() });
    verified = lease;
    offline = false;
    subscriptionExpired = false;
    scheduleHeartbeats(false);
    emit();
    logger.info('this computer is registered', { deviceId: response.device.id });
    return snapshot();
  }

  function enrol(send: (body: RegisterDeviceBody, idempotencyKey: string) => Promise<RegisterResponse>, input: RegisterInput) {
    return exclusive(async () => {
      await load();
      const owner = requireUser();
      const started = generation;
      const body = await registrationBody(input.name, input.subscriptionId);
      let response: RegisterResponse;
      try {
        response = await send(body, newIdempotencyKey());
      } catch (error) {
        throw registrationFailure(error);
      }
      return adopt(response, body, owner, started);
    });
  }

  async function heartbeat(): Promise<void> {
    await load();
    const held = record;
    if (userId === null || !held || held.removedAt) return;
    const started = generation;
    const fp = await fingerprint.current();
    try {
      const { lease } = await devices.heartbeat(held.device.id, fp.fingerprint);
      const payload = await acceptLease(lease, { deviceId: held.device.id, fingerprint: fp.fingerprint });
      if (started !== generation) return;
      save({ ...held, lease, lastCheckedAt: now().toISOString() });
      verified = payload;
      offline = false;
      subscriptionExpired = false;
    } catch (error) {
      if (started !== generation) return;
      const code = codeOf(error);
      if (code === 'DEVICE_DEACTIVATED') {
        markRemoved(held, removalTime(error));
        logger.info('this computer was removed from the account', { deviceId: held.device.id });
      } else if (code === 'SUBSCRIPTION_EXPIRED') {
        subscriptionExpired = true;
        offline = false;
        save({ ...held, lastCheckedAt: now().toISOString() });
      } else if (code === 'NOT_FOUND') {
        // The service has never heard of this device (its data was reset): nothing to keep.
        save(undefined);
        verified = null;
        offline = false;
        checkedAt = now().toISOString();
      } else if (code && transportCodes.has(code)) {
        offline = true;
      } else if (code === 'LICENCE_KEY_CHANGED') {
        // Shown as state.licenceKeyChanged; the lease signed with the old key stands until it ends.
        logger.warn('the licence service presented a different key; its leases are refused');
      } else {
        throw error;
      }
    }
  }

  /** `410 DEVICE_DEACTIVATED` may say when; otherwise now is when we learned it. */
  function removalTime(error: unknown): string {
    const at = error instanceof AppFailure ? error.details?.deactivatedAt : undefined;
    return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : now().toISOString();
  }

  function markRemoved(held: ThisDeviceRecord, removedAt: string) {
    save({ ...held, device: { ...held.device, status: 'deactivated' }, lease: null, removedAt, lastCheckedAt: now().toISOString() });
    verified = null;
    offline = false;
    subscriptionExpired = false;
    stopHeartbeats();
  }

  function check(): Promise<ThisComputerState> {
    return exclusive(async () => {
      try {
        await heartbeat();
      } finally {
        await reverify();
        emit();
      }
      return snapshot();
    });
  }

  function stopHeartbeats() {
    if (timer) clearInterval(timer);
    timer = undefined;
  }

  /** A heartbeat now (unless one was just had) and every six hours while signed in. */
  function scheduleHeartbeats(immediately: boolean) {
    stopHeartbeats();
    const beat = () => void check().catch((error: unknown) => logger.warn('heartbeat failed', { error: describeError(error) }));
    if (immediately) beat();
    timer = setInterval(beat, heartbeatIntervalMs);
    timer.unref();
  }

  /** Forgets the account's device on this computer (sign-out, another account). */
  function forget() {
    generation++;
    save(undefined);
    verified = null;
    offline = false;
    subscriptionExpired = false;
    checkedAt = null;
    stopHeartbeats();
  }

  return {
    start() {
      void load();
      unsubscribeFingerprint ??= fingerprint.onChange(() => {
        // New hardware: the stored lease names the old fingerprint; ask for one for this machine.
        if (userId !== null && record?.lease) void check().catch(() => {});
        else void current().catch(() => {});
      });
    },
    stop() {
      stopHeartbeats();
      unsubscribeFingerprint?.();
      unsubscribeFingerprint = undefined;
    },
    status: () => current(),
    register: (input) => enrol((body, key) => devices.register(body, key), input),
    moveFrom: (deviceId) => enrol((body, key) => devices.transfer(deviceId, body, key), {}),
    check,
    async shares() {
      const { fingerprint: value, components } = await fingerprint.current();
      return { fingerprint: value, components };
    },
    setUser(next) {
      if (next === userId) return;
      const previous = userId;
      userId = next;
      if (next === null) {
        // The session announced its end (sign-out, revoked): this account's device is not ours to show.
        if (previous !== null) forget();
        emit();
        return;
      }
      generation++;
      if (record && record.userId !== next) forget();
      subscriptionExpired = false;
      checkedAt = null;
      scheduleHeartbeats(true);
      emit();
    },
    signedOut() {
      userId = null;
      forget();
      emit();
    },
    networkChanged(online) {
      if (!online) {
        offline = true;
        emit();
      } else if (offline) {
        if (userId !== null && record?.lease) void check().catch(() => {});
        else {
          offline = false;
          emit();
        }
      }
    },
    thisDeviceId: () => record?.device.id ?? null,
    deviceUpdated(device) {
      if (!record || record.device.id !== device.id) return;
      save({ ...record, device });
      if (device.status === 'deactivated' && !record.removedAt) markRemoved(record, now().toISOString());
      emit();
    },
    deviceListed(device) {
      if (!record || record.device.id !== device.id || record.removedAt || device.status !== 'deactivated') return;
      // Removed elsewhere since the last heartbeat: find out now rather than in six hours.
      // Once the removal is known this is a no-op, so listing devices cannot loop with check().
      void check().catch(() => {});
    },
    deviceDeactivated(id) {
      if (!record || record.device.id !== id || record.removedAt) return;
      markRemoved(record, now().toISOString());
      emit();
    },
  };
}
