import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { DevicePlatform } from '../../../shared/api/devices';
import type { Download, MobilePlatform } from '../../../shared/api/downloads';
import type { DownloadFailure, DownloadProgress, DownloadsList, DownloadState } from '../../../shared/contract/downloads';
import { finalDownloadStates } from '../../../shared/contract/downloads';
import { type AppError, AppFailure } from '../../../shared/errors';
import type { EventHub } from '../ipc/event-hub';
import { describeError, type Logger, silentLogger } from '../log/logger';
import type { DownloadsApi } from './downloads-api';
import { downloadUrl } from './download-url';
import { orderForThisComputer } from './installer-order';
import { freePath, safeFileName } from './saved-file-name';

/** Opening a finished download and showing it in its folder (Electron's shell); absent in the browser host. */
export interface DownloadShell {
  openPath?(path: string): Promise<boolean>;
  showItemInFolder?(path: string): Promise<boolean>;
}

export interface DownloadsServiceOptions {
  api: DownloadsApi;
  /** The service's address: a download's `url` is relative to it. */
  apiBaseUrl: string;
  events: EventHub;
  thisPlatform: DevicePlatform;
  /** The user's Downloads folder, asked each time (it may change while the app runs). */
  downloadsDir: () => string;
  shell?: DownloadShell;
  userAgent?: string;
  /** At most this many bytes a second per download (a slow line, for demos and tests); unlimited when absent. */
  bytesPerSecond?: number;
  /** How often progress goes out while bytes arrive; state changes go at once. */
  progressIntervalMs?: number;
  logger?: Logger;
}

export interface DownloadsService {
  list(): Promise<DownloadsList>;
  start(releaseId: string): Promise<{ id: string }>;
  pause(id: string): void;
  resume(id: string): void;
  cancel(id: string): Promise<void>;
  current(): DownloadProgress[];
  open(id: string): Promise<{ path: string; shown: boolean }>;
  showInFolder(id: string): Promise<{ path: string; shown: boolean }>;
  emailLink(platform: MobilePlatform): Promise<void>;
  /** The app quits: transfers stop, their partial files stay for next time. */
  stop(): void;
}

interface Release {
  releaseId: string;
  platform: DevicePlatform;
  fileName: string;
  /** Absolute, on the service itself. */
  url: string;
  sha256: string;
  size: number;
}

interface Entry {
  release: Release;
  progress: DownloadProgress;
  partPath: string;
  etag: string | undefined;
  controller: AbortController | undefined;
  stopping: 'pause' | 'cancel' | 'quit' | undefined;
  lastEmit: number;
}

/** A failure the screen has a sentence for; thrown inside a transfer. */
class DownloadProblem extends Error {
  constructor(
    readonly failure: DownloadFailure,
    readonly appError: AppError,
  ) {
    super(appError.message);
  }
}

const notFound = () => new AppFailure({ code: 'NOT_FOUND', message: 'There is no such download.' });
const isFinal = (state: DownloadState) => (finalDownloadStates as readonly DownloadState[]).includes(state);

const mismatch = () =>
  new DownloadProblem('mismatch', {
    code: 'UNKNOWN',
    message: 'The downloaded file is not the one that was published, so it was deleted.',
  });
const unreachable = () =>
  new DownloadProblem('network', {
    code: 'NETWORK_OFFLINE',
    message: 'The download stopped because the service could not be reached.',
    details: { reason: 'service-unreachable' },
  });
const refused = (status: number) =>
  new DownloadProblem('other', { code: status === 404 ? 'NOT_FOUND' : 'UNKNOWN', message: `The service answered ${status} to the download.` });

const diskCodes = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'ENOENT', 'EISDIR', 'ENOTDIR', 'EDQUOT']);

/** What went wrong, in the screen's terms. */
function problemOf(error: unknown): DownloadProblem {
  if (error instanceof DownloadProblem) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && diskCodes.has(code)) {
    return new DownloadProblem('disk', { code: 'UNKNOWN', message: 'The file could not be saved in the Downloads folder.' });
  }
  // fetch's own failures (refused, reset, DNS) and a body cut short.
  return unreachable();
}

const sizeOf = (path: string) => stat(path).then((s) => s.size, () => 0);

async function sha256Of(path: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Installers downloaded by the main process, one long-running operation each (the
 * operations idiom of docs/architecture.md, with pause and resume): progress goes out as
 * `downloads.progress`, bytes go to `<name>.part` in the Downloads folder, and only a file
 * whose SHA-256 is the published one is renamed into place and called `done`. The
 * operations live here, not in a window, so closing the window changes nothing and a
 * window opened again reads them with `current()`.
 */
export function createDownloadsService(options: DownloadsServiceOptions): DownloadsService {
  const { api, events, thisPlatform, logger = silentLogger, progressIntervalMs = 100 } = options;
  const baseUrl = options.apiBaseUrl.replace(/\/+$/, '');
  const entries = new Map<string, Entry>();
  let known = new Map<string, Download>();

  function update(entry: Entry, patch: Partial<DownloadProgress>, force = false) {
    const before = entry.progress.state;
    // The refine of the schema: an error exactly on a failed one.
    const { error: _error, failure: _failure, ...rest } = entry.progress;
    entry.progress = { ...(patch.state === undefined || patch.state === 'failed' ? entry.progress : rest), ...patch };
    const now = Date.now();
    if (force || entry.progress.state !== before || now - entry.lastEmit >= progressIntervalMs) {
      entry.lastEmit = now;
      events.emit('downloads.progress', entry.progress);
    }
  }

  /** Counts (and, when asked, paces) the bytes on their way to disk; more than published is refused. */
  function counter(entry: Entry, start: number): Transform {
    let done = start;
    const began = Date.now();
    return new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        done += chunk.length;
        if (done > entry.release.size) {
          callback(mismatch());
          return;
        }
        update(entry, { done });
        const rate = options.bytesPerSecond;
        const wait = rate ? ((done - start) / rate) * 1000 - (Date.now() - began) : 0;
        if (wait > 0) setTimeout(() => callback(null, chunk), wait);
        else callback(null, chunk);
      },
    });
  }

  /** Fetches what is missing of the part file: all of it, or from its end with `Range` and `If-Range`. */
  async function fetchInto(entry: Entry, signal: AbortSignal): Promise<void> {
    const { release } = entry;
    let have = await sizeOf(entry.partPath);
    if (have > release.size) have = 0;
    const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'Palisade' };
    if (have > 0) {
      headers.range = `bytes=${have}-`;
      // Only the same file may be continued: another one answers 200 and starts over.
      headers['if-range'] = entry.etag ?? `"${release.sha256}"`;
    }
    let response: Response;
    try {
      response = await fetch(release.url, { headers, signal, redirect: 'error' });
    } catch (error) {
      if (signal.aborted) throw error;
      throw unreachable();
    }
    let append = false;
    if (response.status === 206) {
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
      if (!range || Number(range[1]) !== have) {
        await response.body?.cancel();
        throw refused(206);
      }
      append = true;
    } else if (response.status === 416 && have === release.size) {
      await response.body?.cancel();
      return; // all there already: on to the check
    } else if (response.status !== 200) {
      await response.body?.cancel();
      throw refused(response.status);
    }
    if (!append) have = 0;
    entry.etag = response.headers.get('etag') ?? entry.etag;
    update(entry, { done: have, total: release.size }, true);
    if (!response.body) throw unreachable();
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      counter(entry, have),
      createWriteStream(entry.partPath, { flags: append ? 'a' : 'w', mode: 0o600 }),
      { signal },
    );
  }

  async function transfer(entry: Entry): Promise<void> {
    const controller = new AbortController();
    entry.controller = controller;
    entry.stopping = undefined;
    update(entry, { state: 'running' }, true);
    try {
      await mkdir(join(entry.partPath, '..'), { recursive: true });
      await fetchInto(entry, controller.signal);
      update(entry, { state: 'verifying', done: entry.release.size }, true);
      const actual = await sha256Of(entry.partPath, controller.signal);
      if (actual !== entry.release.sha256 || (await sizeOf(entry.partPath)) !== entry.release.size) throw mismatch();
      const path = await freePath(join(entry.partPath, '..'), safeFileName(entry.release.fileName));
      await rename(entry.partPath, path);
      update(entry, { state: 'done', path }, true);
    } catch (error) {
      const stopping = entry.stopping;
      if (stopping === 'pause') {
        // What is on disk, which a resume continues from: bytes still on their way when it paused are not.
        update(entry, { state: 'paused', done: await sizeOf(entry.partPath) }, true);
        return;
      }
      if (stopping === 'cancel') {
        await rm(entry.partPath, { force: true });
        return; // `cancelled` went out when it was asked for
      }
      if (stopping === 'quit') return;
      const problem = problemOf(error);
      if (!(error instanceof DownloadProblem)) logger.warn('a download failed', { error: describeError(error) });
      // A file that is not the published one is not kept, not even to resume.
      if (problem.failure === 'mismatch') await rm(entry.partPath, { force: true });
      update(entry, { state: 'failed', failure: problem.failure, error: problem.appError }, true);
    } finally {
      if (entry.controller === controller) entry.controller = undefined;
    }
  }

  function entryOf(id: string): Entry {
    const entry = entries.get(id);
    if (!entry) throw notFound();
    return entry;
  }

  function finished(id: string): string {
    const { progress } = entryOf(id);
    if (progress.state !== 'done' || progress.path === undefined) {
      throw new AppFailure({ code: 'CONFLICT', message: 'The download is not finished yet.' });
    }
    return progress.path;
  }

  async function releaseOf(releaseId: string): Promise<Release> {
    if (!known.has(releaseId)) await list();
    const item = known.get(releaseId);
    const url = item?.url === undefined ? undefined : downloadUrl(baseUrl, item.url);
    if (!item || url === undefined || item.sha256 === undefined || item.size === undefined || item.fileName === undefined) {
      throw notFound();
    }
    return { releaseId, platform: item.platform, fileName: item.fileName, url, sha256: item.sha256, size: item.size };
  }

  async function list(): Promise<DownloadsList> {
    const items = orderForThisComputer(await api.list(), thisPlatform);
    known = new Map(items.map((item) => [item.id, item]));
    return { thisPlatform, items };
  }

  return {
    list,
    async start(releaseId) {
      for (const [id, entry] of entries) {
        if (entry.release.releaseId === releaseId && !isFinal(entry.progress.state)) return { id };
      }
      const release = await releaseOf(releaseId);
      const id = randomUUID();
      const fileName = safeFileName(release.fileName);
      const entry: Entry = {
        release,
        partPath: join(options.downloadsDir(), `${fileName}.part`),
        etag: undefined,
        controller: undefined,
        stopping: undefined,
        lastEmit: 0,
        progress: { id, releaseId, platform: release.platform, fileName, state: 'running', done: 0, total: release.size },
      };
      entries.set(id, entry);
      // Begins after the answer to `start` has gone out, so the caller knows the id its events carry.
      setImmediate(() => void transfer(entry));
      return { id };
    },
    pause(id) {
      const entry = entryOf(id);
      if (entry.progress.state !== 'running') return;
      entry.stopping = 'pause';
      entry.controller?.abort();
    },
    resume(id) {
      const entry = entryOf(id);
      if (entry.progress.state !== 'paused' && entry.progress.state !== 'failed') return;
      void transfer(entry);
    },
    async cancel(id) {
      const entry = entryOf(id);
      if (isFinal(entry.progress.state)) throw notFound();
      entry.stopping = 'cancel';
      const running = entry.controller;
      update(entry, { state: 'cancelled' }, true);
      if (running) running.abort();
      else await rm(entry.partPath, { force: true });
    },
    current: () => [...entries.values()].map((entry) => entry.progress).reverse(),
    async open(id) {
      const path = finished(id);
      return { path, shown: (await options.shell?.openPath?.(path)) ?? false };
    },
    async showInFolder(id) {
      const path = finished(id);
      return { path, shown: (await options.shell?.showItemInFolder?.(path)) ?? false };
    },
    emailLink: (platform) => api.emailLink(platform),
    stop() {
      for (const entry of entries.values()) {
        if (!entry.controller) continue;
        entry.stopping = 'quit';
        entry.controller.abort();
      }
    },
  };
}
