import { chmodSync, mkdirSync } from 'node:fs';
import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The data folder holds password hashes, e-mail addresses, keys and mail: only its owner
 * may read it, whatever the umask. Creates the folder `0700` and tightens it if it exists.
 */
export function ensurePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Folders `0700`, files `0600`, everything under `dir`: the embedded database writes its
 * files `0666` in `0755` folders whatever the umask, so they are tightened after the fact.
 */
export async function tightenTree(dir: string): Promise<void> {
  let info;
  try {
    info = await lstat(dir);
  } catch {
    return;
  }
  if (info.isSymbolicLink()) return;
  if (info.isDirectory()) {
    if ((info.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
    for (const entry of await readdir(dir)) await tightenTree(join(dir, entry));
  } else if ((info.mode & 0o077) !== 0) {
    await chmod(dir, 0o600);
  }
}
