import Conf from 'conf';
import type { KeyValueStore } from '../services/storage/key-value-store';

/**
 * The browser host's counterpart of Electron's app store: `this-computer.json` in the
 * host's data folder, holding the fingerprint cache, the pinned licence key and the last
 * lease, so a restart keeps them. `conf` writes atomically, so a crash mid-write leaves
 * the previous file.
 */
export function openHostStore(dataDir: string): KeyValueStore {
  const store = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'this-computer',
    projectName: 'palisade',
    // Keys hold service origins, which contain dots.
    accessPropertiesByDotNotation: false,
    // A damaged file is started afresh rather than stopping the host.
    clearInvalidConfig: true,
    // The lease and the device's identity are the user's alone.
    configFileMode: 0o600,
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
