import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyIntoStore, recordRelease, storedPath } from '../../../server/src/releases/release-store';
import { createUpdateController, type UpdateController } from '../../../electron/services/updates/update-controller';
import { withinRollout } from '../../../electron/services/updates/update-policy';
import { type NodeUpdater, nodeUpdater } from '../../support/node-update-client';
import { useService } from '../../support/use-service';
import { useInstallerFiles } from '../downloads/release-files';

// The app's update path in plain Node: the real service's generic feed, electron-updater's
// AppImageUpdater (its provider, its download and its SHA-512 check), the app's controller.
const { service } = useService({ smtp: false });
const files = useInstallerFiles();
const installed = '0.1.0';
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

async function publish(version: string, size: number, rolloutPercent?: number) {
  const name = `Palisade-${version}.AppImage`;
  const file = await files.make(name, size);
  const stored = await copyIntoStore(service.dataDir, file.path);
  const row = await recordRelease(
    service.services.db,
    { ...stored, platform: 'linux', version, fileName: name, notes: undefined, rolloutPercent },
    service.services.now(),
  );
  return { row, name, bytes: file.bytes };
}

const made: NodeUpdater[] = [];
const controllers: UpdateController[] = [];
afterEach(async () => {
  for (const controller of controllers.splice(0)) controller.stop();
  for (const updater of made.splice(0)) await updater.remove();
});

async function installation(installationId?: string) {
  const client = await nodeUpdater({ version: installed, feedUrl: `${service.url}/updates/linux`, installationId });
  made.push(client);
  const controller = createUpdateController({ updater: client.updater, mode: 'automatic', every: () => () => undefined });
  controllers.push(controller);
  const seen: string[] = [];
  controller.onChange((state) => seen.push(state.kind));
  return { client, controller, seen };
}

const pending = async (client: NodeUpdater) => readdir(join(client.cacheDir, 'pending')).catch(() => [] as string[]);

describe('updating from the service feed in plain Node', () => {
  it('finds the newer release, downloads it in the background, checks its SHA-512 and is ready to restart', async () => {
    const release = await publish('9.0.0', 300_000);
    const { client, controller, seen } = await installation();

    await controller.checkNow();

    expect(controller.state).toEqual({ kind: 'ready', version: '9.0.0' });
    expect(seen).toContain('available');
    expect(seen).toContain('downloading');
    const downloaded = await readFile(join(client.cacheDir, 'pending', release.name));
    expect(downloaded.equals(release.bytes)).toBe(true);
    expect(sha512(downloaded)).toBe(release.row.sha512);
  });

  it('honours a staged release: an installation inside the rollout takes it, one outside is told it is up to date', async () => {
    await publish('9.1.0', 100_000, 50);
    // electron-updater reads bytes 12–15 of the installation's id: 0 is first in any rollout, 0xffffffff last.
    const inside = 'f47ac10b-58cc-4372-a567-000000000000';
    const outside = 'f47ac10b-58cc-4372-a567-0000ffffffff';
    expect(withinRollout(50, inside)).toBe(true);
    expect(withinRollout(50, outside)).toBe(false);

    const taken = await installation(inside);
    await taken.controller.checkNow();
    expect(taken.controller.state).toEqual({ kind: 'ready', version: '9.1.0' });

    const skipped = await installation(outside);
    await skipped.controller.checkNow();
    expect(skipped.controller.state.kind).toBe('upToDate');
    expect(await pending(skipped.client)).toEqual([]);
    // The same id, asked again, is still outside: the rule is stable per installation.
    await skipped.controller.checkNow();
    expect(skipped.controller.state.kind).toBe('upToDate');
  });

  it('tampered-update-is-refused: a file that is not the one the feed describes is thrown away, never ready', async () => {
    const release = await publish('9.2.0', 200_000);
    // Someone replaced the file behind the feed (same size, other bytes): the feed's SHA-512 no longer matches.
    await writeFile(storedPath(service.dataDir, release.row), randomBytes(200_000));
    const { client, controller, seen } = await installation();

    await controller.checkNow();

    expect(controller.state).toEqual({ kind: 'failed', reason: 'checksum' });
    expect(seen).not.toContain('ready');
    expect(await pending(client)).not.toContain(release.name);
  });
});
