import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The key folder (KEYS_DIR) is shared by every instance of a deployment, and all of them
 * may start at once on an empty one. A key file therefore appears whole or not at all:
 * it is written in full under a temporary name, then hard-linked to its real name, which
 * fails if another process got there first (the loser then reads the winner's key). A
 * plain `wx` create would let a reader see the file empty, between create and write.
 */
export async function createFileOnce(file: string, content: string): Promise<boolean> {
  await ensureKeyFolder(dirname(file));
  const temporary = await writeTemporary(file, content);
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if (hasCode(error, 'EEXIST')) return false;
    // File systems without hard links: an exclusive create is the next best thing.
    if (!hasCode(error, 'EPERM') && !hasCode(error, 'ENOTSUP') && !hasCode(error, 'ENOSYS')) throw error;
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return true;
    } catch (fallbackError) {
      if (hasCode(fallbackError, 'EEXIST')) return false;
      throw fallbackError;
    }
  } finally {
    await unlink(temporary).catch(() => {});
  }
}

/** Replaces `file` in one step (rename over it): a reader sees the old content or the new, never half. */
export async function replaceFile(file: string, content: string): Promise<void> {
  await ensureKeyFolder(dirname(file));
  const temporary = await writeTemporary(file, content);
  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
}

/**
 * The key in `file`, made by `make` on first use. Whoever loses the race to create it
 * reads the one that won, so every instance ends up with the same key.
 */
export async function readOrCreate<T>(file: string, make: () => string | Promise<string>, parse: (text: string) => T): Promise<T> {
  try {
    return parse(await readFile(file, 'utf8'));
  } catch (error) {
    if (!hasCode(error, 'ENOENT')) throw error;
  }
  await createFileOnce(file, await make());
  return parse(await readFile(file, 'utf8'));
}

/** The text of `file`, or undefined when it is not there. */
export function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** Keys are readable by their owner only (0700), however the folder came to exist. */
export async function ensureKeyFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

export function ensureKeyFolderSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

async function writeTemporary(file: string, content: string): Promise<string> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

export const hasCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === code;
