import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { controlPath } from '../../../server/src/local-control/control-protocol';
import { lockFile } from '../../../server/src/local-control/folder-lock';
import { spawnService } from '../../support/service';
import { npmRunServer, useServiceDataDir } from '../../support/service-data-dir';
import { client } from './http';

// The embedded database is one folder one process may open; PostgreSQL takes any number.
const embedded = !process.env.DATABASE_URL;

/** A pid that no process has any more: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe.runIf(embedded)('two processes on one embedded data folder', () => {
  const store = useServiceDataDir('palisade-one-folder-');

  it('refuses a second start on the folder, naming the process that holds it', async () => {
    const first = await spawnService({ dataDir: store.dataDir, env: store.env });
    try {
      const lock = JSON.parse(await readFile(lockFile(store.dataDir), 'utf8')) as { pid: number; command: string };
      expect(lock).toMatchObject({ pid: first.child.pid, command: 'start' });
      const second = spawnService({ dataDir: store.dataDir, env: store.env });
      // Should it start after all, it is not left running.
      void second.then((s) => s.stop(), () => {});
      await expect(second).rejects.toThrow(`in use by process ${first.child.pid} (\`start\``);
      await expect(second).rejects.toThrow(`kill ${first.child.pid}`);
      // The first one is untouched and still the folder's owner.
      expect((await client(first.url).get('/v1/health')).status).toBe(200);
    } finally {
      await first.stop();
    }
    await expect(stat(lockFile(store.dataDir))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);

  it('listens for commands on a socket only its owner can use: 0600 inside a 0700 folder', async () => {
    const service = await spawnService({ dataDir: store.dataDir, env: store.env });
    try {
      const socket = await stat(controlPath(store.dataDir));
      expect(socket.isSocket()).toBe(true);
      expect(socket.mode & 0o777).toBe(0o600);
      expect((await stat(store.dataDir)).mode & 0o777).toBe(0o700);
    } finally {
      await service.stop();
    }
  }, 120_000);

  it('takes over the lock of a process that is gone, for a service and for a command', async () => {
    const stale = async () =>
      writeFile(
        lockFile(store.dataDir),
        JSON.stringify({ pid: await deadPid(), command: 'start', since: 'yesterday' }),
      );
    await stale();
    expect((await npmRunServer(store.env, 'seed-demo')).stdout).toContain('demo@palisade.test');
    await stale();
    const service = await spawnService({ dataDir: store.dataDir, env: store.env });
    try {
      expect((await client(service.url).get('/v1/health')).status).toBe(200);
      expect((await npmRunServer(store.env, 'seed-demo')).stdout).toContain('already exists');
    } finally {
      await service.stop();
    }
  }, 120_000);

  it('starts again after a crash (SIGKILL) left its lock and socket behind, and serves commands', async () => {
    const crashed = await spawnService({ dataDir: store.dataDir, env: store.env });
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    expect(JSON.parse(await readFile(lockFile(store.dataDir), 'utf8'))).toMatchObject({ pid: crashed.child.pid });
    const service = await spawnService({ dataDir: store.dataDir, env: store.env });
    try {
      expect((await npmRunServer(store.env, 'migrate')).stdout).toContain(
        `the running service (process ${service.child.pid})`,
      );
    } finally {
      await service.stop();
    }
  }, 120_000);

  it('refuses a command while a process that is no service holds the folder, naming it', async () => {
    // This test process stands in for one: it is alive and listens on no socket.
    // Owner-only, as a real holder writes it (acquireFolderLock).
    await writeFile(lockFile(store.dataDir), JSON.stringify({ pid: process.pid, command: 'keys mint', since: 'now' }), { mode: 0o600 });
    try {
      const failure = await npmRunServer(store.env, 'migrate').then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(`in use by process ${process.pid} (\`keys mint\``);
      expect(failure?.stderr).toContain(join(store.dataDir, 'pglite.lock'));
    } finally {
      await writeFile(lockFile(store.dataDir), '');
    }
  }, 60_000);
});
