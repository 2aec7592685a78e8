import type { Result } from '../errors';
import { contract } from './index';
import type { EventName, EventPayload, PalisadeApi } from './types';

export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Lists every channel of the contract as `area.method`. */
export function channelNames(): string[] {
  return Object.entries(contract).flatMap(([area, methods]) => Object.keys(methods).map((m) => `${area}.${m}`));
}

/**
 * Builds `window.palisade` from the contract over any transport (Electron IPC in the
 * preload, a WebSocket in the browser host), so both expose exactly the same API.
 */
export function buildApi(transport: Transport): PalisadeApi {
  const api: Record<string, unknown> = {};
  for (const [area, methods] of Object.entries(contract)) {
    const group: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
    for (const method of Object.keys(methods)) {
      group[method] = (input: unknown) => transport.invoke(`${area}.${method}`, input ?? {});
    }
    api[area] = Object.freeze(group);
  }
  api.on = <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) =>
    transport.subscribe(name, listener as (payload: unknown) => void);
  return Object.freeze(api) as PalisadeApi;
}
