import type { Device } from '../../../shared/api/devices';
import type { Settings } from '../../../shared/contract/settings';
import type { EventName, EventPayload } from '../../../shared/contract/types';
import type { Locale } from '../../../shared/i18n/languages';
import type { EventHub } from '../ipc/event-hub';
import { type Logger, silentLogger } from '../log/logger';

/**
 * What parts of the main process tell each other and the renderer never sees. Names are
 * `<area>.<what happened>`, like the contract's events.
 */
export interface InternalEvents {
  /** Someone signed out here on purpose (not a session the service ended). */
  'session.signedOut': Record<string, never>;
  /** The account's device list, as the service just answered it, showed this one. */
  'devices.listed': { device: Device };
  /** A device changed here (renamed), as the service answered it. */
  'devices.updated': { device: Device };
  'devices.deactivated': { id: string };
  'settings.changed': Settings;
  /** The language the main process speaks now (its dialogs, tray and notifications). */
  'desktop.localeChanged': { locale: Locale };
  /** The app's window (or the browser host's tab) came to the front: a person is looking. */
  'window.focused': Record<string, never>;
}
export type InternalName = keyof InternalEvents;

export type AppEventName = EventName | InternalName;
export type AppEventPayload<N extends AppEventName> = N extends EventName
  ? EventPayload<N>
  : N extends InternalName
    ? InternalEvents[N]
    : never;

/**
 * The main process's one place for "this happened": contract events go through the hub
 * (validated, and on to the renderer), internal ones stay here. Services publish what
 * they did and subscribe to what they react to, so a new listener (a tray, notifications)
 * needs no constructor changes.
 */
export interface AppEvents {
  emit<N extends AppEventName>(name: N, payload: AppEventPayload<N>): void;
  on<N extends AppEventName>(name: N, listener: (payload: AppEventPayload<N>) => void): () => void;
  /** The hub the transports forward to the renderer. */
  readonly hub: EventHub;
}

const internalNames: Record<InternalName, true> = {
  'session.signedOut': true,
  'devices.listed': true,
  'devices.updated': true,
  'devices.deactivated': true,
  'settings.changed': true,
  'desktop.localeChanged': true,
  'window.focused': true,
};
const isInternal = (name: AppEventName): name is InternalName => Object.hasOwn(internalNames, name);

export function createAppEvents(hub: EventHub, { logger = silentLogger }: { logger?: Logger } = {}): AppEvents {
  const internal = new Map<InternalName, Set<(payload: never) => void>>();
  return {
    hub,
    emit(name, payload) {
      if (!isInternal(name)) {
        hub.emit(name as EventName, payload as EventPayload<EventName>);
        return;
      }
      for (const listener of [...(internal.get(name) ?? [])]) {
        try {
          (listener as (p: unknown) => void)(payload);
        } catch (error) {
          logger.warn('event listener failed', { event: name, error: String(error) });
        }
      }
    },
    on(name, listener) {
      if (!isInternal(name)) {
        // Contract events arrive as the hub parsed them: only the fields the contract names.
        return hub.subscribe((emitted, payload) => {
          if (emitted === name) listener(payload as AppEventPayload<typeof name>);
        });
      }
      const set = internal.get(name) ?? new Set();
      internal.set(name, set);
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
  };
}
