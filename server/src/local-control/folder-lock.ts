import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded database is one folder that one process at a time may open: a second one
 * writing behind the first's back goes unseen by it (PGlite caches what it read) and can
 * corrupt it. Whoever opens it holds this lock file, created exclusively, with its pid.
 */
export const lockFile = (dataDir: string): string => join(dataDir, 'pglite.lock');

export interface LockHolder {
  pid: number;
  /** What the holder runs (`start`, `keys mint`, …), for the refusal message. */
  command: string;
  since: string;
}

/** The embedded database is held by another live process. */
export class FolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const stop =
      process.platform === 'win32'
        ? `Ctrl-C in its window, or \`taskkill /pid ${holder.pid}\``
        : `Ctrl-C in its terminal, or \`kill ${holder.pid}\``;
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid} (\`${holder.command}\`, since ${holder.since}). ` +
        `Only one process may open its embedded database at a time: stop that one (${stop}) and try again. ` +
        `If no such process runs, delete ${lockFile(dataDir)}.`,
    );
    this.name = 'FolderInUseError';
  }
}

/** The `FolderInUseError` behind `error` (migrations wrap it in their own), if any. */
export function folderInUse(error: unknown): FolderInUseError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof FolderInUseError) return e;
  }
  return undefined;
}

/** True when a process with this pid exists (EPERM: it exists, but is someone else's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's holder as written, or undefined when there is no lock or it is unreadable. */
export function readLock(dataDir: string): { holder: LockHolder | undefined; text: string } | undefined {
  let text: string;
  try {
    text = readFileSync(lockFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0) {
      return { text, holder: { pid: parsed.pid, command: String(parsed.command ?? '?'), since: String(parsed.since ?? '?') } };
    }
  } catch {
    // Half-written by a process that died while writing it: nobody holds it.
  }
  return { text, holder: undefined };
}

/** The live process that holds the folder, if any. */
export function liveHolder(dataDir: string): LockHolder | undefined {
  const lock = readLock(dataDir);
  return lock?.holder && isAlive(lock.holder.pid) ? lock.holder : undefined;
}

/** The command line this process runs, as the lock records it. */
function thisCommand(): string {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  return args.length === 0 ? 'start' : args.slice(0, 2).join(' ');
}

/**
 * Takes the folder's lock or throws `FolderInUseError`. A lock left by a process that is
 * gone (a crash, a power cut) is taken over. Returns `release`, which removes the lock if
 * it is still ours.
 */
export function acquireFolderLock(dataDir: string, command = thisCommand()): { release(): void } {
  const path = lockFile(dataDir);
  const mine = JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return {
        release() {
          if (readLock(dataDir)?.text === mine) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const lock = readLock(dataDir);
    if (!lock) continue; // released meanwhile
    // This process's own pid too: a second open in one process is as blind as one in another.
    if (lock.holder && isAlive(lock.holder.pid)) throw new FolderInUseError(dataDir, lock.holder);
    // Stale: remove it unless someone replaced it since we read it, then try again.
    if (readLock(dataDir)?.text === lock.text) {
      try {
        unlinkSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  const holder = liveHolder(dataDir);
  if (holder) throw new FolderInUseError(dataDir, holder);
  throw new Error(`Could not take the lock ${path}.`);
}
