import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValueStore } from './key-value-store';

/**
 * A KeyValueStore in one JSON file, for the browser host (Electron has electron-store).
 * Written whole to a temporary file and renamed over the old one, so a crash mid-write
 * leaves the previous file; readable by this user only. A file that does not parse reads
 * as empty, and is replaced on the next write.
 */
export function createJsonFileStore(path: string): KeyValueStore {
  function read(): Record<string, unknown> {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  }
  function write(values: Record<string, unknown>) {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  }
  return {
    get: (key) => read()[key],
    set: (key, value) => write({ ...read(), [key]: value }),
    delete: (key) => {
      const values = read();
      if (!(key in values)) return;
      delete values[key];
      write(values);
    },
  };
}
