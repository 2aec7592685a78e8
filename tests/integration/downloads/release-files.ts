import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Installers made up for a test file, in a folder of their own that goes with the file's afterAll. */
export function useInstallerFiles() {
  const folders: string[] = [];
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });
  return {
    /** A file of `size` random bytes named `name`; its bytes come back too. */
    async make(name: string, size: number): Promise<{ path: string; bytes: Buffer }> {
      const folder = await mkdtemp(join(tmpdir(), 'palisade-installer-'));
      folders.push(folder);
      const bytes = randomBytes(size);
      const path = join(folder, name);
      await writeFile(path, bytes);
      return { path, bytes };
    },
    async folder(): Promise<string> {
      const folder = await mkdtemp(join(tmpdir(), 'palisade-installer-'));
      folders.push(folder);
      return folder;
    },
  };
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
export const sha512Base64 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64');
