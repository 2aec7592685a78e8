import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogFile } from '../../../electron/services/log/log-file';
import { createLogger, REDACTED } from '../../../electron/services/log/logger';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'palisade-logs-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('the log file', () => {
  it('is readable by this user only, in a folder only this user can enter, whatever the umask', async () => {
    const dir = join(root, 'logs');
    const previous = process.umask(0o000);
    try {
      const file = openLogFile({ dir });
      file.write('first line');
      file.close();
    } finally {
      process.umask(previous);
    }
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(join(dir, 'palisade.log'))).toBe(0o600);
    expect(await readFile(join(dir, 'palisade.log'), 'utf8')).toBe('first line\n');
  });

  it('rotates at its size limit, keeping a few files, newest first', async () => {
    const dir = join(root, 'logs');
    const file = openLogFile({ dir, maxBytes: 100, keep: 2 });
    const line = (n: number) => `line ${n} `.padEnd(39, '.'); // 40 bytes with the newline
    for (let n = 1; n <= 9; n++) file.write(line(n));
    file.close();
    expect((await readdir(dir)).sort()).toEqual(['palisade.log', 'palisade.log.1', 'palisade.log.2']);
    const read = (name: string) => readFile(join(dir, name), 'utf8');
    // Two 40-byte lines fit under 100 bytes: 1–2, 3–4 and 5–6 are gone, 7–8 rotated, 9 current.
    expect(await read('palisade.log')).toBe(`${line(9)}\n`);
    expect(await read('palisade.log.1')).toBe(`${line(7)}\n${line(8)}\n`);
    expect(await read('palisade.log.2')).toBe(`${line(5)}\n${line(6)}\n`);
    for (const name of await readdir(dir)) expect(await modeOf(join(dir, name))).toBe(0o600);
  });

  it('gets the logger’s lines as redacted as stderr does: no token or password reaches it', async () => {
    const dir = join(root, 'logs');
    const file = openLogFile({ dir });
    const stderr: string[] = [];
    const logger = createLogger({
      scope: 'main',
      write: (line) => {
        stderr.push(line);
        file.write(line);
      },
    });
    const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl';
    logger.child('session').warn(`refresh failed with Bearer ${jwt}`, {
      password: 'correct horse battery staple',
      refreshToken: 'rt_secret_value',
      nested: { authorization: `Bearer ${jwt}`, note: `token ${jwt}` },
    });
    file.close();
    const written = await readFile(join(dir, 'palisade.log'), 'utf8');
    expect(written).toBe(`${stderr.join('\n')}\n`);
    for (const secret of [jwt, 'correct horse battery staple', 'rt_secret_value'])
      expect(written).not.toContain(secret);
    expect(written).toContain(REDACTED);
    expect(written).toContain('[main:session] refresh failed');
  });
});
