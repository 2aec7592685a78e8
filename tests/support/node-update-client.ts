import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, type DownloadOptions, HttpExecutor } from 'builder-util-runtime';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { AppImageUpdater } from 'electron-updater/out/AppImageUpdater.js';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';

/**
 * electron-updater's HTTP on Node's http instead of Electron's net, as its own tests do.
 * `download` is ElectronHttpExecutor's, word for word: the base class's doDownload streams
 * through its DigestTransform, which is where the SHA-512 is checked in the app too.
 */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: (options.headers as RequestOptions['headers']) || undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return (options.protocol === 'http:' ? httpRequest : httpsRequest)(options, callback);
  }
}

export interface NodeUpdater {
  updater: AppImageUpdater;
  /** Where the updater keeps what it downloaded (its pending folder is under it). */
  cacheDir: string;
  remove(): Promise<void>;
}

/**
 * A real electron-updater AppImageUpdater for an installed app of `version`, in plain Node:
 * an app adapter instead of Electron's app, its own userData (with `installationId` as the
 * staged-rollout id when given) and cache, and the generic feed at `feedUrl`.
 */
export async function nodeUpdater(options: { version: string; feedUrl: string; installationId?: string | undefined }): Promise<NodeUpdater> {
  const root = await mkdtemp(join(tmpdir(), 'palisade-updater-'));
  const userData = join(root, 'user-data');
  const cache = join(root, 'cache');
  await mkdir(userData, { recursive: true });
  await mkdir(cache, { recursive: true });
  if (options.installationId) await writeFile(join(userData, '.updaterId'), options.installationId);
  // What electron-builder writes into resources/app-update.yml from electron-builder.yml's publish.
  const configPath = join(root, 'app-update.yml');
  await writeFile(configPath, `provider: generic\nurl: ${options.feedUrl}\nupdaterCacheDirName: palisade-updater\n`);
  // The AppImage this "installation" runs from: electron-updater refuses to update without one.
  const running = join(root, 'Palisade.AppImage');
  await writeFile(running, 'not really an AppImage');
  process.env.APPIMAGE = running;

  const app: AppAdapter = {
    version: options.version,
    name: 'Palisade',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: userData,
    baseCachePath: cache,
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new AppImageUpdater(null, app);
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.updateConfigPath = configPath;
  // No blockmap for a made-up file: the whole file, as a first install's update would be.
  updater.disableDifferentialDownload = true;
  updater.logger = process.env.UPDATER_DEBUG ? console : null;
  return {
    updater,
    cacheDir: join(cache, 'palisade-updater'),
    remove: async () => {
      delete process.env.APPIMAGE;
      await rm(root, { recursive: true, force: true });
    },
  };
}
