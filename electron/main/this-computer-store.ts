import Store from 'electron-store';
import type { KeyValueStore } from '../services/storage/key-value-store';

/** The app store's `this-computer.json` in userData: fingerprint cache, pinned licence key, last lease. */
export function openThisComputerStore(): KeyValueStore {
  // Keys hold service origins, which contain dots.
  // The lease and the device's identity are the user's alone: owner-only, like every file in userData.
  const store = new Store<Record<string, unknown>>({ name: 'this-computer', accessPropertiesByDotNotation: false, clearInvalidConfig: true, configFileMode: 0o600 });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
