import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Every entry under `dir` (itself included) that group or others may read, write or enter, as `path mode`. */
export async function entriesOpenToOthers(dir: string): Promise<string[]> {
  const open: string[] = [];
  const info = await lstat(dir).catch(() => null);
  // Gone already, or a link (its target is not this folder's to judge).
  if (!info || info.isSymbolicLink()) return open;
  if ((info.mode & 0o077) !== 0) open.push(`${dir} ${(info.mode & 0o777).toString(8).padStart(4, '0')}`);
  if (info.isDirectory()) for (const entry of await readdir(dir)) open.push(...(await entriesOpenToOthers(join(dir, entry))));
  return open;
}

/**
 * Removes a data folder a test made (the service's DATA_DIR, the browser host's or the
 * app's), but first looks at what the run left in it: a password hash, a mail with a reset
 * link or a refresh token that another user of the machine could read fails the run, by
 * file and mode. The folder is removed either way.
 */
export async function removeOwnerOnlyDataFolder(dir: string, what = 'data folder'): Promise<void> {
  let open: string[];
  try {
    open = await entriesOpenToOthers(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (open.length > 0) throw new Error(`The ${what} left entries that other users of this computer can open (path mode):\n${open.join('\n')}`);
}
