import { events } from '../../../shared/contract/index';
import type { EventName, EventPayload } from '../../../shared/contract/types';
import { type Logger, silentLogger } from '../log/logger';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Push events for the renderer(s): each transport (IPC, WebSocket) subscribes once and forwards. */
export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub({ logger = silentLogger }: { logger?: Logger } = {}): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      // Parsed on the way out too: only the fields the contract names ever leave the main process.
      const parsed = events[name].payload.safeParse(payload);
      if (!parsed.success) {
        logger.error('refused to emit an event outside the contract', { event: name });
        return;
      }
      for (const listener of listeners) {
        try {
          listener(name, parsed.data);
        } catch (error) {
          logger.warn('event listener failed', { event: name, error: String(error) });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
