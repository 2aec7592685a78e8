/**
 * Where the main process's state survives a restart: this computer's fingerprint cache,
 * pinned licence key and last lease, the settings, the sealed session token.
 * `electron-store` (Electron), `conf` and the JSON file store (browser host) all fit this
 * shape as they are; for keys that contain dots (service origins) create electron-store and
 * `conf` with `accessPropertiesByDotNotation: false`.
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
