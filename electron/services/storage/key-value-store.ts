/**
 * Where this computer's state survives a restart: the fingerprint cache, the pinned
 * licence key and the last lease. `electron-store` (Electron) and `conf` (browser host)
 * both fit this shape as they are, when created with `accessPropertiesByDotNotation: false`
 * (keys here contain dots: service origins).
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** For tests and for runs that should remember nothing. */
export function createMemoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const values = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  return {
    get: (key) => structuredClone(values.get(key)),
    set: (key, value) => void values.set(key, structuredClone(value)),
    delete: (key) => void values.delete(key),
  };
}
