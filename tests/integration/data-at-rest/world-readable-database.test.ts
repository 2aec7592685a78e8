import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { LISTENING_LINE } from '../../../server/src/commands/start';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function looseEntries(dir: string): Promise<string[]> {
  const loose: string[] = [];
  const info = await stat(dir);
  if ((info.mode & 0o077) !== 0) loose.push(`${dir} ${(info.mode & 0o777).toString(8)}`);
  if (info.isDirectory()) for (const entry of await readdir(dir)) loose.push(...(await looseEntries(join(dir, entry))));
  return loose;
}

it('leaves nothing in the data folder that other users could read or write, even under umask 000', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'palisade-modes-'));
  const dataDir = join(parent, 'data');
  try {
    const child = spawn('sh', ['-c', 'umask 000; exec "$NODE" --import tsx server/src/cli.ts start'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        NODE: process.execPath,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = new RegExp(`^${LISTENING_LINE} (\\S+)$`, 'm').exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error(`The service exited before listening:\n${output}`)));
    });
    const response = await fetch(`${url}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'modes@example.test',
        password: 'correct horse battery staple',
        name: 'Mode Tester',
      }),
    });
    expect(response.status).toBeLessThan(300);
    // The confirmation mail is written in the background.
    for (let i = 0; i < 50; i++) {
      const outbox = await readdir(join(dataDir, 'outbox')).catch(() => []);
      if (outbox.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await readdir(join(dataDir, 'outbox'))).not.toHaveLength(0);
    child.kill('SIGTERM');
    await exited;
    expect(await looseEntries(dataDir)).toEqual([]);
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
});
