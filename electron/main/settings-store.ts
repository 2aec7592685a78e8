import Store from 'electron-store';
import type { KeyValueStore } from '../services/storage/key-value-store';

/** `settings.json` in userData: what a person set in Settings. The settings service validates what it reads. */
export function openSettingsStore(): KeyValueStore {
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
