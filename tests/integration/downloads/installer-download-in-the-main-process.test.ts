import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../electron/services/api/api-client';
import { createDownloadsApi } from '../../../electron/services/downloads/downloads-api';
import { createDownloadsService, type DownloadsService } from '../../../electron/services/downloads/downloads-service';
import { createEventHub } from '../../../electron/services/ipc/event-hub';
import { copyIntoStore, recordRelease, storedPath } from '../../../server/src/releases/release-store';
import type { DesktopPlatform } from '../../../shared/api/downloads';
import type { DownloadProgress } from '../../../shared/contract/downloads';
import { useService } from '../../support/use-service';
import { signedInAccount } from '../protection/protection-fixture';
import { useInstallerFiles } from './release-files';

const { service, api, smtp } = useService();
const files = useInstallerFiles();
let folder: string;
let token: string;
const folders: string[] = [];

beforeAll(async () => {
  token = (await signedInAccount(api, smtp, 'downloads-main')).token;
});
// A Downloads folder of each test's own.
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'palisade-downloads-folder-'));
  folders.push(folder);
});
afterAll(async () => {
  for (const made of folders) await rm(made, { recursive: true, force: true });
});

async function publish(platform: DesktopPlatform, version: string, name: string, size: number) {
  const file = await files.make(name, size);
  const stored = await copyIntoStore(service.dataDir, file.path);
  const row = await recordRelease(service.services.db, { ...stored, platform, version, fileName: name, notes: undefined, rolloutPercent: undefined }, service.services.now());
  return { row, bytes: file.bytes };
}

/** The main process's downloads, as the app wires them, against the real service; every progress event kept. */
function mainProcessDownloads(bytesPerSecond?: number, serviceUrl = service.url): { downloads: DownloadsService; seen: DownloadProgress[] } {
  const events = createEventHub();
  const seen: DownloadProgress[] = [];
  events.subscribe((name, payload) => name === 'downloads.progress' && seen.push(payload as DownloadProgress));
  const client = createApiClient({ baseUrl: serviceUrl, getAccessToken: async () => token, retryBaseDelayMs: 10 });
  const downloads = createDownloadsService({
    api: createDownloadsApi(client),
    apiBaseUrl: serviceUrl,
    events,
    thisPlatform: 'linux',
    downloadsDir: () => folder,
    progressIntervalMs: 10,
    ...(bytesPerSecond !== undefined && { bytesPerSecond }),
  });
  return { downloads, seen };
}

const until = async (what: string, check: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('an installer downloaded by the main process', () => {
  it('lists this computer’s installer first, pauses, resumes with a range, and is ready only once its SHA-256 is checked', async () => {
    const mac = await publish('macos', '5.0.0', 'Palisade-5.0.0.dmg', 10_000);
    const linux = await publish('linux', '5.0.0', 'Palisade-5.0.0.AppImage', 3_000_000);
    const { downloads, seen } = mainProcessDownloads(1_500_000);
    const list = await downloads.list();
    expect(list.items.map((d) => d.platform).slice(0, 2)).toEqual(['linux', 'macos']);
    expect(list.items.find((d) => d.platform === 'macos')?.id).toBe(mac.row.id);

    const { id } = await downloads.start(linux.row.id);
    // The same release again is the same download.
    expect((await downloads.start(linux.row.id)).id).toBe(id);
    const latest = () => seen.filter((p) => p.id === id).at(-1);
    await until('some bytes', () => (latest()?.done ?? 0) > 200_000);
    downloads.pause(id);
    await until('paused', () => latest()?.state === 'paused');
    const pausedAt = latest()!.done;
    expect(pausedAt).toBeLessThan(3_000_000);
    expect(await readdir(folder)).toEqual(['Palisade-5.0.0.AppImage.part']);
    // A window opened now sees the paused download.
    expect(downloads.current()).toMatchObject([{ id, state: 'paused', releaseId: linux.row.id }]);

    downloads.resume(id);
    await until('done', () => latest()?.state === 'done');
    const states = seen.filter((p) => p.id === id).map((p) => p.state);
    expect(states.indexOf('verifying')).toBeGreaterThan(states.lastIndexOf('running'));
    // Resumed from where it paused, not from the start: no progress below the pause point after it.
    const afterResume = seen.filter((p) => p.id === id).slice(seen.filter((p) => p.id === id).findIndex((p) => p.state === 'paused') + 1);
    expect(Math.min(...afterResume.map((p) => p.done))).toBeGreaterThanOrEqual(pausedAt);
    const done = latest()!;
    expect(done.path).toBe(join(folder, 'Palisade-5.0.0.AppImage'));
    expect((await readFile(done.path!)).equals(linux.bytes)).toBe(true);
    expect(await readdir(folder)).toEqual(['Palisade-5.0.0.AppImage']);
    // The browser host has no file manager to ask: it says so, with the path.
    expect(await downloads.showInFolder(id)).toEqual({ path: done.path, shown: false });

    // Downloading it again never overwrites the first.
    const again = await downloads.start(linux.row.id);
    await until('second done', () => seen.filter((p) => p.id === again.id).at(-1)?.state === 'done');
    expect(seen.filter((p) => p.id === again.id).at(-1)?.path).toBe(join(folder, 'Palisade-5.0.0 (2).AppImage'));
  });

  it('refuses a file whose bytes are not the published ones: a clear failure, and the file removed', async () => {
    const windows = await publish('windows', '5.0.0', 'Palisade Setup 5.0.0.exe', 500_000);
    // Someone swaps the bytes on the server (same size): the recorded digest no longer matches.
    const tampered = Buffer.from(windows.bytes);
    tampered[1234] = tampered[1234]! ^ 0xff;
    await writeFile(storedPath(service.dataDir, windows.row), tampered);
    const { downloads, seen } = mainProcessDownloads();
    await downloads.list();
    const { id } = await downloads.start(windows.row.id);
    await until('failed', () => seen.filter((p) => p.id === id).at(-1)?.state === 'failed');
    const failed = seen.filter((p) => p.id === id).at(-1)!;
    expect(failed).toMatchObject({ failure: 'mismatch', error: { code: 'UNKNOWN' } });
    expect(seen.filter((p) => p.id === id).some((p) => p.state === 'done')).toBe(false);
    expect(await readdir(folder)).toEqual([]);
    await expect(downloads.open(id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('cancels: the partial file goes and nothing more is said', async () => {
    const big = await publish('linux', '5.1.0', 'Palisade-5.1.0.AppImage', 2_000_000);
    const { downloads, seen } = mainProcessDownloads(500_000);
    await downloads.list();
    const { id } = await downloads.start(big.row.id);
    await until('some bytes', () => (seen.filter((p) => p.id === id).at(-1)?.done ?? 0) > 100_000);
    await downloads.cancel(id);
    const count = seen.filter((p) => p.id === id).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.filter((p) => p.id === id)).toHaveLength(count);
    expect(seen.filter((p) => p.id === id).at(-1)?.state).toBe('cancelled');
    expect(await readdir(folder)).toEqual([]);
    await expect(downloads.cancel(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** A line between the app and the service that can be cut: every connection through it dropped at once. */
async function cuttableLine(target: URL) {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(Number(target.port), target.hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () => sockets.forEach((socket) => socket.destroy()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('an installer download whose line is cut', () => {
  it('fails as a network problem, keeps what it had, and resumes from there to a checked file', async () => {
    // Larger than what the sockets and the HTTP client can hold ahead of a paced reader.
    const release = await publish('linux', '6.0.0', 'Palisade-6.0.0.AppImage', 20_000_000);
    const line = await cuttableLine(new URL(service.url));
    try {
      const { downloads, seen } = mainProcessDownloads(5_000_000, line.url);
      await downloads.list();
      const { id } = await downloads.start(release.row.id);
      const latest = () => seen.filter((p) => p.id === id).at(-1);
      await until('some bytes', () => (latest()?.done ?? 0) > 1_000_000);
      line.cut();
      await until('failed', () => latest()?.state === 'failed');
      expect(latest()).toMatchObject({ failure: 'network', error: { code: 'NETWORK_OFFLINE' } });
      const kept = (await readFile(join(folder, 'Palisade-6.0.0.AppImage.part'))).length;
      expect(kept).toBeGreaterThan(0);
      expect(release.bytes.subarray(0, kept).equals(await readFile(join(folder, 'Palisade-6.0.0.AppImage.part')))).toBe(true);

      downloads.resume(id);
      await until('done', () => latest()?.state === 'done', 30_000);
      const afterResume = seen.filter((p) => p.id === id).slice(seen.filter((p) => p.id === id).findIndex((p) => p.state === 'failed') + 1);
      expect(Math.min(...afterResume.map((p) => p.done))).toBeGreaterThanOrEqual(kept);
      expect((await readFile(latest()!.path!)).equals(release.bytes)).toBe(true);
    } finally {
      line.cut();
      await line.close();
    }
  });
});
