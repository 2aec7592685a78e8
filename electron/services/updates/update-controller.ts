import { describeError, type Logger, silentLogger } from '../log/logger';
import {
  checkDue,
  checkIntervalMs,
  nextUpdateState,
  type UpdateMode,
  type UpdateState,
  type UpdaterEvent,
  updaterBehaviour,
} from './update-policy';

/**
 * The part of electron-updater's AppUpdater the controller drives. Typed here (not imported)
 * so this file stays plain Node: the glue passes `autoUpdater`, the plain-Node test passes an
 * AppImageUpdater built with a Node app adapter.
 */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateController {
  readonly state: UpdateState;
  /** Checks now if the mode allows it; resolves once the check (and a started download) settles. */
  checkNow(): Promise<void>;
  /** "Download" in tell-me mode. */
  download(): Promise<void>;
  /** "Restart to update": only when an update is ready. */
  restartToUpdate(): boolean;
  setMode(mode: UpdateMode): void;
  onChange(listener: (state: UpdateState) => void): () => void;
  stop(): void;
}

export function createUpdateController(options: {
  updater: UpdaterPort;
  mode: UpdateMode;
  now?: () => number;
  every?: (run: () => void, ms: number) => () => void;
  logger?: Logger;
}): UpdateController {
  const { updater, logger = silentLogger } = options;
  const now = options.now ?? Date.now;
  const every =
    options.every ??
    ((run, ms) => {
      const timer = setInterval(run, ms);
      timer.unref();
      return () => clearInterval(timer);
    });
  let mode = options.mode;
  let state: UpdateState = { kind: 'idle' };
  let lastCheckAt: number | undefined;
  const listeners = new Set<(state: UpdateState) => void>();

  const hear = (event: UpdaterEvent) => {
    const next = nextUpdateState(state, event);
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(state);
  };
  updater.on('checking-for-update', () => hear({ kind: 'checking' }));
  updater.on('update-available', (info) => hear({ kind: 'available', version: info.version }));
  updater.on('update-not-available', () => hear({ kind: 'notAvailable', at: now() }));
  updater.on('download-progress', (progress) => hear({ kind: 'progress', percent: progress.percent }));
  updater.on('update-downloaded', (info) => hear({ kind: 'downloaded', version: info.version }));
  updater.on('error', (error) => {
    logger.warn('update failed', { error: describeError(error) });
    hear({ kind: 'error', code: error.code });
  });

  const apply = () => {
    const behaviour = updaterBehaviour(mode);
    updater.autoDownload = behaviour.autoDownload;
    updater.autoInstallOnAppQuit = behaviour.autoInstallOnAppQuit;
  };
  apply();

  const check = async (): Promise<void> => {
    if (!checkDue(mode, state, undefined, now())) return;
    lastCheckAt = now();
    try {
      const result = (await updater.checkForUpdates()) as { downloadPromise?: Promise<unknown> | null } | null;
      await result?.downloadPromise;
    } catch {
      // Told through the updater's 'error' event already.
    }
  };
  const stopTimer = every(() => {
    if (checkDue(mode, state, lastCheckAt, now())) void check();
  }, checkIntervalMs);

  return {
    get state() {
      return state;
    },
    checkNow: check,
    async download() {
      if (state.kind !== 'available') return;
      try {
        await updater.downloadUpdate();
      } catch {
        // Told through 'error'.
      }
    },
    restartToUpdate() {
      if (state.kind !== 'ready') return false;
      // Not silent on Windows, so NSIS shows its progress; the app starts again afterwards.
      updater.quitAndInstall(false, true);
      return true;
    },
    setMode(next) {
      mode = next;
      apply();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: stopTimer,
  };
}
