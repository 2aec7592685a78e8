import type { BackoffPolicy } from '../../../shared/backoff';
import { KEEP_ALIVE_SECONDS, type AccountEvent, type AccountEventData } from '../../../shared/api/events';
import type { SessionState } from '../../../shared/contract/session';
import type { AccessTokenSource } from '../api/api-client';
import type { AppEvents } from '../events/app-events';
import { describeError, type Logger, silentLogger } from '../log/logger';
import { readStreamMessage } from './account-event-message';
import { type EventStream, openEventStream } from './event-stream';

export interface AccountEventsOptions {
  apiBaseUrl: string;
  /** The session whose stream this is: its token, and whether it still stands. */
  session: {
    accessToken: AccessTokenSource;
    state(): Promise<SessionState>;
    /** Any call as this session; a revoked one cannot make it. */
    getAccount(): Promise<unknown>;
  };
  /** Follows `session.changed`; publishes `devices.changed`, `subscriptions.changed`, `tickets.changed` and `session.ended`. */
  events: AppEvents;
  userAgent?: string;
  /** How often the service sends its keep-alive comment; twice that in silence is a dead connection. */
  keepAliveMs?: number;
  backoff?: BackoffPolicy;
  logger?: Logger;
}

export interface AccountEvents {
  /** Whether this session's stream is open now. */
  connected(): boolean;
  stop(): void;
}

/**
 * The account's event stream for whoever is signed in here: one stream per session, opened
 * when the session starts or is restored and closed when it ends. Each event becomes one
 * of the app's events, so the services and the renderer react without knowing the stream:
 * a device's change (this computer checks itself, the device list reloads), a
 * subscription's, and the end of this very session, with the reason the renderer words.
 */
export function createAccountEvents(options: AccountEventsOptions): AccountEvents {
  const { apiBaseUrl, session, events, logger = silentLogger } = options;
  const keepAliveMs = options.keepAliveMs ?? KEEP_ALIVE_SECONDS * 1000;
  const url = `${apiBaseUrl.replace(/\/+$/, '')}/v1/events`;
  let current: { userId: string; stream: EventStream; ended: boolean } | null = null;
  /** Revocations are looked into one at a time: the first that finds this session gone names the reason. */
  let revocations: Promise<void> = Promise.resolve();

  function follow(userId: string | null) {
    if (current?.userId === userId) return;
    current?.stream.stop();
    current = null;
    if (userId === null) return;
    const here = { userId, ended: false, stream: undefined as unknown as EventStream };
    here.stream = openEventStream({
      url,
      accessToken: session.accessToken,
      // A little more than two keep-alives: one lost comment is not yet a dead line.
      silenceMs: 2 * keepAliveMs + Math.min(5_000, keepAliveMs / 2),
      ...(options.userAgent !== undefined && { userAgent: options.userAgent }),
      ...(options.backoff !== undefined && { backoff: options.backoff }),
      logger,
      onMessage: (message) => {
        const read = readStreamMessage(message);
        if (read === null) logger.warn('an account event did not match the contract', { type: message.event });
        else if (read.kind === 'event') received(here, read.event);
        else if (read.kind === 'reset') everythingChanged();
      },
    });
    current = here;
    logger.info('following the account events');
  }

  function received(here: { userId: string; ended: boolean }, event: AccountEvent) {
    switch (event.type) {
      case 'device.deactivated':
      case 'device.changed':
        events.emit('devices.changed', { deviceId: event.data.deviceId });
        break;
      case 'subscription.changed':
        events.emit('subscriptions.changed', { subscriptionId: event.data.subscriptionId });
        break;
      case 'ticket.updated':
        events.emit('tickets.changed', { ticketId: event.data.ticketId });
        break;
      case 'session.revoked':
        revocations = revocations.then(() => revoked(here, event.data)).catch((error: unknown) =>
          logger.warn('could not tell whether this session was ended', { error: describeError(error) }),
        );
        break;
    }
  }

  /** Events were missed (the service no longer had them all): whatever is shown is read again. */
  function everythingChanged() {
    events.emit('devices.changed', { deviceId: null });
    events.emit('subscriptions.changed', { subscriptionId: null });
  }

  /**
   * Some session of the account ended. The event names it by id, which this app does not
   * hold, so it asks the service as this session: a session that was ended cannot answer,
   * and the session service, refused, signs out here. A sign-out is only ever made by the
   * session itself, so that reason needs no asking.
   */
  async function revoked(here: { userId: string; ended: boolean }, data: AccountEventData<'session.revoked'>) {
    if (here.ended || data.reason === 'signed_out') return;
    try {
      await session.getAccount();
      return;
    } catch {
      // Refused or unreachable: what the session now says tells which.
    }
    const state = await session.state();
    if (state.user !== null || here.ended) return;
    here.ended = true;
    logger.info('this session was ended elsewhere', { reason: data.reason });
    events.emit('session.ended', { reason: data.reason, byDeviceName: data.byDeviceName, at: data.at });
  }

  const offSession = events.on('session.changed', (state) => follow(state.user?.id ?? null));

  return {
    connected: () => current?.stream.connected() ?? false,
    stop() {
      offSession();
      current?.stream.stop();
      current = null;
    },
  };
}
