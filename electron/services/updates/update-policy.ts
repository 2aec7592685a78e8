/**
 * What the app does about updates, as decisions with no Electron and no I/O: when to ask
 * the feed, what electron-updater is allowed to do on its own, and what a person is shown.
 */

/** Settings → Updates: install by themselves, tell me first, or never look. */
export type UpdateMode = 'automatic' | 'notify' | 'off';
export const updateModes: readonly UpdateMode[] = ['automatic', 'notify', 'off'];

/** Asked at start, then every four hours while the app runs (a tray app may run for weeks). */
export const checkIntervalMs = 4 * 60 * 60 * 1000;

export type UpdateState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'upToDate'; checkedAt: number }
  | { kind: 'available'; version: string }
  | { kind: 'downloading'; version: string; percent: number }
  /** Downloaded and its SHA-512 matched the feed's: "Restart to update". */
  | { kind: 'ready'; version: string }
  | { kind: 'failed'; reason: UpdateFailure };

/** `checksum`: the file was not the one the feed describes (tampered or corrupted) and was thrown away. */
export type UpdateFailure = 'checksum' | 'network' | 'other';

/** What electron-updater may do without asking, per mode. */
export function updaterBehaviour(mode: UpdateMode): { check: boolean; autoDownload: boolean; autoInstallOnAppQuit: boolean } {
  switch (mode) {
    case 'automatic':
      // Downloaded in the background and installed when the app quits anyway.
      return { check: true, autoDownload: true, autoInstallOnAppQuit: true };
    case 'notify':
      // Told first; nothing is fetched or installed until the person says so.
      return { check: true, autoDownload: false, autoInstallOnAppQuit: false };
    case 'off':
      return { check: false, autoDownload: false, autoInstallOnAppQuit: false };
  }
}

/** Whether a check is due now: never when off or busy, otherwise at start and every interval. */
export function checkDue(mode: UpdateMode, state: UpdateState, lastCheckAt: number | undefined, now: number): boolean {
  if (!updaterBehaviour(mode).check) return false;
  if (state.kind === 'checking' || state.kind === 'downloading' || state.kind === 'ready') return false;
  return lastCheckAt === undefined || now - lastCheckAt >= checkIntervalMs;
}

/** What the updater reported, as the policy hears it. */
export type UpdaterEvent =
  | { kind: 'checking' }
  | { kind: 'available'; version: string }
  | { kind: 'notAvailable'; at: number }
  | { kind: 'progress'; percent: number }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; code?: string | undefined };

export function nextUpdateState(state: UpdateState, event: UpdaterEvent): UpdateState {
  switch (event.kind) {
    case 'checking':
      return state.kind === 'ready' ? state : { kind: 'checking' };
    case 'available':
      return { kind: 'available', version: event.version };
    case 'notAvailable':
      return { kind: 'upToDate', checkedAt: event.at };
    case 'progress': {
      const version = state.kind === 'available' || state.kind === 'downloading' ? state.version : '';
      return { kind: 'downloading', version, percent: Math.max(0, Math.min(100, Math.round(event.percent))) };
    }
    case 'downloaded':
      return { kind: 'ready', version: event.version };
    case 'error':
      // A ready update stays ready: a later failed check does not take "Restart to update" away.
      if (state.kind === 'ready') return state;
      return { kind: 'failed', reason: failureOf(event.code) };
  }
}

/** electron-updater's error codes (builder-util-runtime's newError) mapped to what the app says. */
export function failureOf(code: string | undefined): UpdateFailure {
  if (code === 'ERR_CHECKSUM_MISMATCH') return 'checksum';
  if (code && /^(ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ERR_UPDATER_LATEST_VERSION_NOT_FOUND|HTTP_ERROR_)/.test(code)) return 'network';
  return 'other';
}

/** Whether "Restart to update" is offered (in the app and in a notification). */
export const offersRestart = (state: UpdateState): boolean => state.kind === 'ready';

/**
 * electron-updater's staged-rollout rule, stated here so the app (and its tests) can say
 * which side of a rollout this installation is on: the installation's id (a UUID kept in
 * userData/.updaterId, made once) read as bytes 12–15, over 0xffffffff, below the
 * percentage. The same id gives the same answer on every check.
 */
export function withinRollout(stagingPercentage: number | undefined, installationId: string): boolean {
  if (stagingPercentage === undefined) return true;
  const hex = installationId.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) return true; // electron-updater makes a new id then; it is not ours to refuse
  const position = Number.parseInt(hex.slice(24, 32), 16) / 0xffffffff;
  return position < stagingPercentage / 100;
}

/** What the contract's updates.status says for the updater's state. */
export function statusOf(state: UpdateState): { state: 'upToDate' | 'available' | 'ready' | 'unknown'; version: string | null } {
  switch (state.kind) {
    case 'available':
    case 'downloading':
      return { state: 'available', version: state.version || null };
    case 'ready':
      return { state: 'ready', version: state.version };
    case 'upToDate':
      return { state: 'upToDate', version: null };
    default:
      return { state: 'unknown', version: null };
  }
}
