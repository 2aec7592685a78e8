import { chmodSync, closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FILE_NAME = 'palisade.log';
export const LOG_FILE_MAX_BYTES = 1024 * 1024;
export const LOG_FILES_KEPT = 3;

export interface LogFile {
  /** Where the current file is (a support ticket's diagnostics read its last lines). */
  readonly path: string;
  /** Appends one line; never throws (a full disk must not stop the app). */
  write(line: string): void;
  close(): void;
}

export interface LogFileOptions {
  /** The folder, e.g. `<user data>/logs`; created `0700`. */
  dir: string;
  name?: string;
  /** The current file is rotated once it would grow past this. */
  maxBytes?: number;
  /** Rotated files kept beside the current one: `palisade.log.1` (newest) … `palisade.log.<keep>`. */
  keep?: number;
}

/**
 * The log file a support ticket attaches: the same lines as stderr (already redacted by
 * the logger), in the user data folder, readable by this user only whatever the umask,
 * rotated at about 1 MiB so it never fills the disk.
 */
export function openLogFile({
  dir,
  name = LOG_FILE_NAME,
  maxBytes = LOG_FILE_MAX_BYTES,
  keep = LOG_FILES_KEPT,
}: LogFileOptions): LogFile {
  const path = join(dir, name);
  let fd: number | undefined;
  let size = 0;
  let broken = false;

  function open() {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode is masked by the umask, and an existing folder keeps its own: set both outright.
    chmodSync(dir, 0o700);
    fd = openSync(path, 'a', 0o600);
    chmodSync(path, 0o600);
    size = fstatSync(fd).size;
  }

  function rotate() {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(`${path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      } catch {
        // that one did not exist yet
      }
    }
    if (keep > 0) renameSync(path, `${path}.1`);
    else rmSync(path, { force: true });
    open();
  }

  return {
    path,
    write(line) {
      if (broken) return;
      try {
        if (fd === undefined) open();
        const bytes = Buffer.from(`${line}\n`, 'utf8');
        if (size > 0 && size + bytes.length > maxBytes) rotate();
        size += writeSync(fd as number, bytes);
      } catch (error) {
        // Logging must not take the app down; say so once on stderr and carry on without the file.
        broken = true;
        process.stderr.write(
          `could not write the log file ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
