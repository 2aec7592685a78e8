import { chmod, mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { removeOwnerOnlyDataFolder } from './owner-only-data-folder';

// The check every integration test's data folder goes through on removal: a file left 0644 fails the run and is named.
it('fails on a data folder file that others can read, names it with its mode, and still removes the folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-modes-check-'));
  await mkdir(join(dir, 'outbox'), { mode: 0o700 });
  await writeFile(join(dir, 'outbox', 'reset.eml'), 'a reset link', { mode: 0o600 });
  await writeFile(join(dir, 'pgdata.bin'), 'password hashes', { mode: 0o600 });
  await chmod(join(dir, 'pgdata.bin'), 0o644);

  await expect(removeOwnerOnlyDataFolder(dir, 'service data folder')).rejects.toThrow(`${join(dir, 'pgdata.bin')} 0644`);
  await expect(stat(dir)).rejects.toThrow(/ENOENT/);
});

it('passes a data folder that only its owner can open', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-modes-check-'));
  await mkdir(join(dir, 'outbox'), { mode: 0o700 });
  await writeFile(join(dir, 'outbox', 'reset.eml'), 'a reset link', { mode: 0o600 });
  await expect(removeOwnerOnlyDataFolder(dir)).resolves.toBeUndefined();
});
