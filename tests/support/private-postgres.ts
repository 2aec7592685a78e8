import { execFile, execFileSync } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, portAnswers } from './private-redis';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: a server URL, as DATABASE_URL is in tests. */
  url: string;
  port: number;
  /** Stops the server (`pg_ctl stop -m fast`, as a restart does: connections are ended). */
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops it for good and removes its folder. */
  remove(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root: as root (CI containers), the cluster belongs to the
 * `postgres` user and every command runs as that user through runuser.
 */
async function asClusterOwner(): Promise<{ wrap: (command: string, args: string[]) => [string, string[]]; uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args] };
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return {
    wrap: (command, args) => ['runuser', ['-u', 'postgres', '--', command, ...args]],
    uid: Number(uid.trim()),
    gid: Number(gid.trim()),
  };
}

/**
 * A PostgreSQL 15 cluster of the test's own (initdb in a temporary folder, trust auth, a
 * free loopback port, its socket in that folder), which tests stop and start to play an
 * outage. Call `remove()` in afterAll; a server left by a failed run is stopped when this
 * process exits too.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const owner = await asClusterOwner();
  const dir = await mkdtemp(join(tmpdir(), 'palisade-postgres-'));
  if (owner.uid !== undefined) await chown(dir, owner.uid, owner.gid!);
  const data = join(dir, 'data');
  const port = await freePort();
  const exec = async (command: string, args: string[]) => {
    const [file, fileArgs] = owner.wrap(command, args);
    try {
      return await run(file, fileArgs, { cwd: dir });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
    }
  };

  await exec(`${BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=50`;
  let running = false;

  async function start(): Promise<void> {
    if (running) return;
    await exec(`${BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '30', 'start']);
    running = true;
    // pg_ctl -w waits for the socket; the TCP side answers with it, checked to be sure.
    const deadline = Date.now() + 10_000;
    while (!(await portAnswers(port))) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not answer on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function stop(): Promise<void> {
    if (!running) return;
    await exec(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
    running = false;
  }

  // Not left running behind a run that died before its afterAll (an exit handler must be synchronous).
  const stopOnExit = () => {
    if (!running) return;
    const [file, args] = owner.wrap(`${BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', 'stop']);
    try {
      execFileSync(file, args, { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  };
  process.once('exit', stopOnExit);

  try {
    await start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    process.off('exit', stopOnExit);
    throw error;
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    async restart() {
      await stop();
      await start();
    },
    async remove() {
      try {
        await stop();
      } finally {
        process.off('exit', stopOnExit);
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
