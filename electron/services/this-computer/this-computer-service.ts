import { randomUUID } from 'node:crypto';
import type { Device, RegisterDeviceBody } from '../../../shared/api/devices';
import type { ThisComputerShares, ThisComputerState } from '../../../shared/contract/this-computer';
import { AppFailure, type ErrorCode, isTransientFailure } from '../../../shared/errors';
import type { DevicesApi, RegisterResponse } from '../api/devices-api';
import type { LicenceApi } from '../api/licence-api';
import type { AppEvents } from '../events/app-events';
import type { FingerprintService } from '../fingerprint';
import type { PinnedKeyStore } from '../licence';
import { type Logger, describeError, silentLogger } from '../log/logger';
import { createHeartbeatScheduler, HEARTBEAT_INTERVAL_MS } from './heartbeat-scheduler';
import { createLeaseAcceptor } from './lease-acceptor';
import type { MachineDescription } from './machine-description';
import {
  deriveThisComputerState,
  heartbeatRefusal,
  removalTime,
  removedRecord,
  type ThisComputerFacts,
} from './this-computer-state';
import type { ThisDeviceRecord, ThisDeviceRecordStore } from './this-computer-stores';

export { HEARTBEAT_INTERVAL_MS };

export interface ThisComputerOptions {
  devices: DevicesApi;
  licence: LicenceApi;
  fingerprint: FingerprintService;
  pins: PinnedKeyStore;
  records: ThisDeviceRecordStore;
  describeMachine: () => Promise<MachineDescription>;
  /** Where this computer's state is published (`thisComputer.changed`) and what it reacts to. */
  events: AppEvents;
  /** The name registration uses when none is given: the host name. */
  suggestedName: string;
  appVersion: string;
  now?: () => Date;
  heartbeatIntervalMs?: number;
  /** One per user action; the API client reuses it on its retries. */
  newIdempotencyKey?: () => string;
  logger?: Logger;
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
  shares(): Promise<ThisComputerShares>;
  /** Who is signed in, from the session; null once nobody is. */
  setUser(userId: string | null): void;
  /** An explicit sign-out: forgets this account's device here, even if the session never came back. */
  signedOut(): void;
  /** The network came or went. */
  networkChanged(online: boolean): void;
  /** This computer's device id on the account, if it has one (active or removed). */
  thisDeviceId(): string | null;
}

const codeOf = (error: unknown): ErrorCode | undefined => (error instanceof AppFailure ? error.code : undefined);
const notSignedIn = () => new AppFailure({ code: 'NOT_SIGNED_IN', message: 'Sign in to continue.' });

/**
 * This computer as a device of the signed-in account: registration, the heartbeat, leases
 * checked offline against the pinned licence key, and the state the dashboard shows,
 * published as `thisComputer.changed` whenever it changes.
 *
 * Calls that talk to the service run one at a time, and a sign-out or account switch
 * (a new `generation`) makes answers still in flight for the old account count for nothing.
 */
export function createThisComputerService(options: ThisComputerOptions): ThisComputerService {
  const { devices, licence, fingerprint, pins, records, events, suggestedName, appVersion } = options;
  const { now = () => new Date(), newIdempotencyKey = randomUUID, logger = silentLogger } = options;

  const facts: Omit<ThisComputerFacts, 'licenceKeyChanged'> = {
    userId: null,
    record: records.get(),
    verified: null,
    offline: false,
    subscriptionExpired: false,
    checkedAt: null,
    suggestedName,
    formerDevice: null,
  };
  const leases = createLeaseAcceptor({ licence, pins, now, logger, onKeyChange: (changed) => changed && emit() });
  const heartbeats = createHeartbeatScheduler({
    beat: () => check(),
    logger,
    ...(options.heartbeatIntervalMs !== undefined && { intervalMs: options.heartbeatIntervalMs }),
  });
  /** Bumped when the account here changes: answers for the previous one are dropped. */
  let generation = 0;
  let lastEmitted = '';
  let queue: Promise<unknown> = Promise.resolve();
  let machine: Promise<MachineDescription> | undefined;
  let loaded: Promise<void> | undefined;

  const snapshot = (): ThisComputerState =>
    deriveThisComputerState({ ...facts, licenceKeyChanged: leases.keyChanged() }, now());

  /** One service conversation at a time (a heartbeat never races a registration). */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  }

  function emit() {
    const state = snapshot();
    const serialized = JSON.stringify(state);
    if (serialized === lastEmitted) return;
    lastEmitted = serialized;
    events.emit('thisComputer.changed', state);
  }

  function save(next: ThisDeviceRecord | undefined) {
    facts.record = next;
    if (next) records.set(next);
    else records.clear();
  }

  /** Checks the stored lease again: it may have expired, or the fingerprint moved. */
  async function reverify() {
    const { record } = facts;
    facts.verified = await leases.reverify(record?.lease, {
      deviceId: record?.device.id,
      fingerprint: fingerprint.peek()?.fingerprint,
    });
  }

  function load(): Promise<void> {
    loaded ??= reverify().then(emit, (error: unknown) =>
      logger.warn('could not read the stored lease', { error: describeError(error) }),
    );
    return loaded;
  }

  async function current(): Promise<ThisComputerState> {
    await load();
    await reverify();
    emit();
    return snapshot();
  }

  function requireUser(): string {
    if (facts.userId === null) throw notSignedIn();
    return facts.userId;
  }

  async function registrationBody(
    name: string | undefined,
    subscriptionId: string | undefined,
  ): Promise<RegisterDeviceBody> {
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

  /** Errors of register and transfer that the state shows. SEAT_LIMIT_REACHED passes as the service ordered its devices. */
  function registrationFailure(error: unknown) {
    const code = codeOf(error);
    if (code === 'SUBSCRIPTION_EXPIRED') {
      facts.subscriptionExpired = true;
      facts.checkedAt = now().toISOString();
      emit();
    } else if (isTransientFailure(code)) {
      facts.offline = true;
      emit();
    }
  }

  /** Makes a registration answer this computer's record, if it is still for the signed-in account. */
  async function adopt(
    response: RegisterResponse,
    body: RegisterDeviceBody,
    owner: string,
    started: number,
  ): Promise<ThisComputerState> {
    const lease = await leases.accept(response.lease, { deviceId: response.device.id, fingerprint: body.fingerprint });
    if (started !== generation || facts.userId !== owner) throw notSignedIn();
    save({
      userId: owner,
      device: response.device,
      lease: response.lease,
      removedAt: null,
      lastCheckedAt: now().toISOString(),
    });
    Object.assign(facts, { verified: lease, offline: false, subscriptionExpired: false, formerDevice: null });
    heartbeats.start(false);
    emit();
    logger.info('this computer is registered', { deviceId: response.device.id });
    return snapshot();
  }

  function enrol(
    send: (body: RegisterDeviceBody, idempotencyKey: string) => Promise<RegisterResponse>,
    input: RegisterInput,
  ) {
    return exclusive(async () => {
      await load();
      const owner = requireUser();
      const started = generation;
      const body = await registrationBody(input.name, input.subscriptionId);
      let response: RegisterResponse;
      try {
        response = await send(body, newIdempotencyKey());
      } catch (error) {
        registrationFailure(error);
        throw error;
      }
      return adopt(response, body, owner, started);
    });
  }

  async function heartbeat(): Promise<void> {
    await load();
    const held = facts.record;
    if (facts.userId === null || !held || held.removedAt) return;
    const started = generation;
    const fp = await fingerprint.current();
    try {
      const { lease } = await devices.heartbeat(held.device.id, {
        fingerprint: fp.fingerprint,
        components: fp.components.map((c) => c.hash),
      });
      const payload = await leases.accept(lease, { deviceId: held.device.id, fingerprint: fp.fingerprint });
      if (started !== generation) return;
      save({ ...held, lease, lastCheckedAt: now().toISOString() });
      Object.assign(facts, { verified: payload, offline: false, subscriptionExpired: false });
    } catch (error) {
      if (started !== generation) return;
      switch (heartbeatRefusal(codeOf(error))) {
        case 'removed':
          markRemoved(held, removalTime(error instanceof AppFailure ? error.details : undefined, now()));
          logger.info('this computer was removed from the account', { deviceId: held.device.id });
          break;
        case 'expired':
          Object.assign(facts, { subscriptionExpired: true, offline: false });
          save({ ...held, lastCheckedAt: now().toISOString() });
          break;
        case 'unknownDevice':
          save(undefined);
          Object.assign(facts, { verified: null, offline: false, checkedAt: now().toISOString() });
          break;
        case 'notThisDevice':
          // The service gave no lease: this computer is not protected by that seat any more.
          save(undefined);
          Object.assign(facts, { verified: null, offline: false, checkedAt: now().toISOString(), formerDevice: held.device });
          heartbeats.stop();
          logger.info('this computer no longer matches its device', { deviceId: held.device.id });
          break;
        case 'offline':
          facts.offline = true;
          break;
        case 'keyChanged':
          logger.warn('the licence service presented a different key; its leases are refused');
          break;
        case 'unexpected':
          throw error;
      }
    }
  }

  function markRemoved(held: ThisDeviceRecord, removedAt: string) {
    save(removedRecord(held, removedAt, now()));
    Object.assign(facts, { verified: null, offline: false, subscriptionExpired: false });
    heartbeats.stop();
  }

  function check(): Promise<ThisComputerState> {
    heartbeats.beaten();
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

  /** Forgets the account's device on this computer (sign-out, another account). */
  function forget() {
    generation++;
    save(undefined);
    Object.assign(facts, { verified: null, offline: false, subscriptionExpired: false, checkedAt: null, formerDevice: null });
    heartbeats.stop();
  }

  /** Ask the service now when a lease is held (it may have news); otherwise just show the change. */
  function checkOrShow(show: () => void) {
    if (facts.userId !== null && facts.record?.lease) void check().catch(() => {});
    else show();
  }

  function setUser(next: string | null) {
    if (next === facts.userId) return;
    const previous = facts.userId;
    facts.userId = next;
    if (next === null) {
      // The session announced its end (sign-out, revoked): this account's device is not ours to show.
      if (previous !== null) forget();
      emit();
      return;
    }
    generation++;
    if (facts.record && facts.record.userId !== next) forget();
    facts.subscriptionExpired = false;
    facts.checkedAt = null;
    heartbeats.start(true);
    emit();
  }

  function signedOut() {
    facts.userId = null;
    forget();
    emit();
  }

  function networkChanged(online: boolean) {
    if (!online) {
      facts.offline = true;
      emit();
    } else if (facts.offline) {
      checkOrShow(() => {
        facts.offline = false;
        emit();
      });
    }
  }

  /** The account's device list shows this computer's device; a removal not yet known here is checked at once. */
  function deviceListed({ device }: { device: Device }) {
    const { record } = facts;
    if (!record || record.device.id !== device.id || record.removedAt || device.status !== 'deactivated') return;
    // Removed elsewhere since the last heartbeat: find out now rather than in six hours.
    // Once the removal is known this is a no-op, so listing devices cannot loop with check().
    void check().catch(() => {});
  }

  /** Another part of the app changed a device (renamed it). */
  function deviceUpdated({ device }: { device: Device }) {
    const { record } = facts;
    if (!record || record.device.id !== device.id) return;
    save({ ...record, device });
    if (device.status === 'deactivated' && !record.removedAt) markRemoved(record, now().toISOString());
    emit();
  }

  function deviceDeactivated({ id }: { id: string }) {
    const { record } = facts;
    if (!record || record.device.id !== id || record.removedAt) return;
    markRemoved(record, now().toISOString());
    emit();
  }

  /** The account says a device changed elsewhere (`null`: any may have): when it may be this one, ask now. */
  function deviceChangedElsewhere({ deviceId }: { deviceId: string | null }) {
    const { record } = facts;
    if (!record || record.removedAt || (deviceId !== null && record.device.id !== deviceId)) return;
    void check().catch(() => {});
  }

  // Reactions to the rest of the app, from the moment this service exists (as the session
  // may announce itself before start()).
  const reactions = [
    events.on('session.changed', (state) => setUser(state.user?.id ?? null)),
    events.on('session.signedOut', signedOut),
    events.on('network.changed', ({ online }) => networkChanged(online)),
    events.on('devices.listed', deviceListed),
    events.on('devices.updated', deviceUpdated),
    events.on('devices.deactivated', deviceDeactivated),
    events.on('devices.changed', deviceChangedElsewhere),
    events.on('window.focused', () => heartbeats.focused()),
  ];
  let unsubscribeFingerprint: (() => void) | undefined;

  return {
    start() {
      void load();
      // New hardware: the stored lease names the old fingerprint; ask for one for this machine.
      unsubscribeFingerprint ??= fingerprint.onChange(() => checkOrShow(() => void current().catch(() => {})));
    },
    stop() {
      heartbeats.stop();
      unsubscribeFingerprint?.();
      unsubscribeFingerprint = undefined;
      for (const off of reactions.splice(0)) off();
    },
    status: () => current(),
    register: (input) => enrol((body, key) => devices.register(body, key), input),
    moveFrom: (deviceId) => enrol((body, key) => devices.transfer(deviceId, body, key), {}),
    check,
    async shares() {
      // The same sources registration reads, so the list is what is sent, word for word.
      machine ??= options.describeMachine();
      const [{ fingerprint: value, components }, description] = await Promise.all([fingerprint.current(), machine]);
      const name = facts.record?.device.name ?? suggestedName;
      return { fingerprint: value, components, name, os: description.os, platform: description.platform, appVersion };
    },
    setUser,
    signedOut,
    networkChanged,
    thisDeviceId: () => facts.record?.device.id ?? null,
  };
}
