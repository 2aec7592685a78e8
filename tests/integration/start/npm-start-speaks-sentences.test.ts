import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../../shared/locales/en/desktop.json' with { type: 'json' };
import { lockFile } from '../../../server/src/local-control/folder-lock';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `npm start --no-open` as a newcomer runs it, in a home of its own, with the app as it is
 * built (no rebuild) and no Electron binary, so the browser host opens.
 */
describe('npm start on a first run', () => {
  let home: string;
  let child: ChildProcess;
  let out = '';
  let err = '';
  let exited: Promise<number | NodeJS.Signals>;
  let servicePid: number | undefined;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'palisade-first-run-'));
    Object.assign(env, {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      LANG: 'en_US.UTF-8',
      PALISADE_SKIP_BUILD: '1',
      PALISADE_SERVICE_PORT: String(await freePort()),
    });
    child = spawn(process.execPath, ['scripts/start.mjs', '--no-open'], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  });

  afterAll(async () => {
    // Whatever the test saw, nothing it started outlives it.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    }
    if (servicePid && isAlive(servicePid)) process.kill(servicePid, 'SIGKILL');
    await rm(home, { recursive: true, force: true });
  });

  const dataDir = () => join(home, '.config', 'Palisade', 'service');

  it('says in sentences where things are and how to stop, with no log line in the terminal', async () => {
    await expect.poll(() => out, { timeout: 120_000, interval: 250 }).toMatch(/^Palisade is running at http:\/\/127\.0\.0\.1:\d+\/#launch=/m);
    servicePid = (JSON.parse(readFileSync(lockFile(dataDir()), 'utf8')) as { pid: number }).pid;

    expect(out).toContain(`Your accounts and keys are kept in ${dataDir()}.`);
    expect(out).toContain(`${join(home, '.config', 'Palisade', 'logs', 'service.log')}`);
    expect(out).toContain(`saved as files in ${join(dataDir(), 'outbox')}.`);
    expect(out).toContain('Demo account: demo@palisade.test, password Demo-Palisade-2026.');
    expect(out).toContain(en['desktop.start.howToStop']);
    expect(out).toContain('npm run server -- keys mint --plan family --years 1 --count 3');
    const lines = `${out}\n${err}`.split('\n').filter((line) => line.trim() !== '');
    for (const line of lines) {
      expect(line, 'a JSON log line').not.toMatch(/^\s*[[{]/);
      expect(line, "the host's log line").not.toMatch(/^\d{4}-\d\d-\d\dT\S+ (debug|info|warn|error) /);
    }
    // Where no OS key store answers, the user is told what it means for them, once.
    if (err.includes('key store')) expect(err.split(en['desktop.start.keyStoreMissing']).length).toBe(2);
  }, 150_000);

  it('mints product keys with the command it printed, through the running service', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'server', '--', 'keys', 'mint', '--plan', 'family', '--years', '1', '--count', '3'], {
      cwd: repoRoot,
      env,
    });
    expect(stdout.trim().split('\n')).toHaveLength(3);
  }, 60_000);

  it('stops everything it started on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(servicePid).toBeDefined();
    expect(isAlive(servicePid!)).toBe(false);
    // The service closed its database cleanly: no lock is left behind.
    expect(existsSync(lockFile(dataDir()))).toBe(false);
    const hostUrl = /^Palisade is running at (http:\/\/127\.0\.0\.1:\d+)\//m.exec(out)?.[1];
    await expect(fetch(hostUrl!)).rejects.toThrow();
  }, 60_000);
});
