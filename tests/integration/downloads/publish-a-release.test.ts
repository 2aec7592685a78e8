import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadListSchema } from '../../../shared/api/downloads';
import { spawnService } from '../../support/service';
import { npmRunServer, useServiceDataDir } from '../../support/service-data-dir';
import { client } from '../server/http';
import { sha256Hex, useInstallerFiles } from './release-files';

const uuidLine = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const files = useInstallerFiles();

type Failure = { code: number; stderr: string; stdout: string };
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: Failure) => error);

describe('releases publish', () => {
  const store = useServiceDataDir('palisade-releases-cli-');
  const server = (...args: string[]) => npmRunServer(store.env, ...args);

  it('refuses bad arguments with exit code 2, says what is wrong, and keeps nothing', async () => {
    const good = await files.make('Palisade-Setup-1.0.0.exe', 4096);
    const empty = join(await files.folder(), 'empty.exe');
    await writeFile(empty, '');
    const folder = await files.folder();
    const cases: [string[], RegExp][] = [
      [['releases', 'publish', '--platform', 'windows', '--version', '1.0', '--file', good.path], /--version is a semantic version/],
      [['releases', 'publish', '--platform', 'windows', '--version', 'v1.0.0', '--file', good.path], /--version is a semantic version/],
      [['releases', 'publish', '--platform', 'beos', '--version', '1.0.0', '--file', good.path], /--platform is one of windows, macos, linux/],
      [['releases', 'publish', '--platform', 'android', '--version', '1.0.0', '--file', good.path], /--platform is one of windows, macos, linux/],
      [['releases', 'publish', '--platform', 'windows', '--version', '1.0.0', '--file', join(folder, 'missing.exe')], /does not exist/],
      [['releases', 'publish', '--platform', 'windows', '--version', '1.0.0', '--file', folder], /is not a regular file/],
      [['releases', 'publish', '--platform', 'windows', '--version', '1.0.0', '--file', empty], /is empty/],
      [['releases', 'publish', '--platform', 'windows', '--version', '1.0.0'], /--file names the installer/],
      [['releases', 'publish', '--platform', 'windows', '--version', '1.0.0', '--file', good.path, '--rollout', '0'], /--rollout is a whole percentage from 1 to 100/],
      [['releases', 'publish', '--platform', 'windows', '--version', '1.0.0', '--file', good.path, '--rollout', '101'], /--rollout/],
      [['releases', 'publish', '--platform', 'windows', '--version', '1.0.0', '--file', good.path, '--rollout', '12.5'], /--rollout/],
      [['releases', 'publish', '--platform', 'windows', '--version', '1.0.0', '--file', good.path, '--notes', 'x'.repeat(1001)], /--notes has at most 1000/],
      [['releases', 'list'], /the only releases command is "publish"/],
      [['releases', 'publish', '--colour', 'blue'], /Unknown option/i],
    ];
    for (const [args, message] of cases) {
      const failure = await failureOf(server(...args));
      expect(failure, args.join(' ')).toMatchObject({ code: 2, stdout: '' });
      expect(failure?.stderr, args.join(' ')).toMatch(message);
      expect(failure?.stderr).toContain('Usage: npm run server -- releases publish');
    }
    // Nothing was stored by any of them.
    const releases = await readdir(join(store.dataDir, 'releases')).catch(() => []);
    expect(releases).toEqual([]);
  }, 240_000);

  it('stores the file owner-only with its digests, refuses the same version again (keeping no copy), through the running service too', async () => {
    const first = await files.make('Palisade-Setup-1.2.0.exe', 300_000);
    const { stdout } = await server('releases', 'publish', '--platform', 'windows', '--version', '1.2.0', '--file', first.path, '--notes', 'Faster scans');
    const id = stdout.trim();
    expect(id).toMatch(uuidLine);

    const folder = join(store.dataDir, 'releases');
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const stored = await readdir(folder);
    expect(stored).toHaveLength(1);
    expect((await stat(join(folder, stored[0]!))).mode & 0o777).toBe(0o600);

    const again = await failureOf(server('releases', 'publish', '--platform', 'windows', '--version', '1.2.0', '--file', first.path));
    expect(again).toMatchObject({ code: 2 });
    expect(again?.stderr).toContain('windows 1.2.0 is already published');
    expect(await readdir(folder)).toHaveLength(1);

    const service = await spawnService({ dataDir: store.dataDir, env: store.env });
    try {
      // While the service holds the embedded database, it records what the command copied.
      const newer = await files.make('Palisade-Setup-1.10.0.exe', 200_000);
      const live = (await server('releases', 'publish', '--platform', 'windows', '--version', '1.10.0', '--file', newer.path)).stdout.trim();
      expect(live).toMatch(uuidLine);
      const duplicate = await failureOf(server('releases', 'publish', '--platform', 'windows', '--version', '1.10.0', '--file', newer.path));
      expect(duplicate).toMatchObject({ code: 2 });
      expect(duplicate?.stderr).toContain('windows 1.10.0 is already published');
      expect(await readdir(folder)).toHaveLength(2);
      // The same version on another platform is its own release.
      const mac = await files.make('Palisade-1.10.0.dmg', 100_000);
      expect((await server('releases', 'publish', '--platform', 'macos', '--version', '1.10.0', '--file', mac.path, '--rollout', '100')).stdout.trim()).toMatch(uuidLine);

      const list = downloadListSchema.parse((await client(service.url).get('/v1/downloads')).body);
      // 1.10.0 is newer than 1.2.0 (versions compare as numbers, not text).
      expect(list.find((d) => d.platform === 'windows')).toMatchObject({
        id: live,
        version: '1.10.0',
        fileName: 'Palisade-Setup-1.10.0.exe',
        size: 200_000,
        sha256: sha256Hex(newer.bytes),
        url: `/v1/downloads/${live}/file`,
      });
      expect(list.find((d) => d.platform === 'macos')).toMatchObject({ version: '1.10.0', sha256: sha256Hex(mac.bytes) });
      expect(list.some((d) => d.platform === 'linux')).toBe(false);
      expect(list.map((d) => d.platform)).toEqual(['windows', 'macos', 'android', 'ios']);
    } finally {
      await service.stop();
    }
  }, 300_000);
});
