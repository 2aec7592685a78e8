import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFolderLock, FolderInUseError, lockFile } from '../../../server/src/local-control/folder-lock';

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the embedded data folder lock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is held by one at a time, names its holder, and is free again once released', async () => {
    const lock = acquireFolderLock(dir, 'start');
    expect(JSON.parse(await readFile(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid, command: 'start' });
    let refusal: unknown;
    try {
      acquireFolderLock(dir, 'keys mint');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(FolderInUseError);
    expect((refusal as Error).message).toContain(`in use by process ${process.pid} (\`start\``);
    lock.release();
    acquireFolderLock(dir, 'keys mint').release();
  });

  it("takes over a lock whose process is gone, or that was never fully written", async () => {
    await writeFile(lockFile(dir), JSON.stringify({ pid: await deadPid(), command: 'start', since: 'yesterday' }));
    acquireFolderLock(dir, 'start').release();
    await writeFile(lockFile(dir), '{"pi');
    acquireFolderLock(dir, 'start').release();
  });

  it("never removes a lock that is not its own on release", async () => {
    const lock = acquireFolderLock(dir, 'start');
    const other = JSON.stringify({ pid: process.pid, command: 'another', since: 'now' });
    await writeFile(lockFile(dir), other);
    lock.release();
    expect(await readFile(lockFile(dir), 'utf8')).toBe(other);
  });
});
