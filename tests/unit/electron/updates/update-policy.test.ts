import { describe, expect, it } from 'vitest';
import { createUpdateController, type UpdaterPort } from '../../../../electron/services/updates/update-controller';
import {
  checkDue,
  checkIntervalMs,
  failureOf,
  nextUpdateState,
  offersRestart,
  updaterBehaviour,
  withinRollout,
} from '../../../../electron/services/updates/update-policy';

describe('the update policy', () => {
  it('checks at start and again only after four hours, never when off or while busy', () => {
    const idle = { kind: 'idle' } as const;
    expect(checkDue('automatic', idle, undefined, 1000)).toBe(true);
    expect(checkDue('notify', idle, 0, checkIntervalMs - 1)).toBe(false);
    expect(checkDue('notify', idle, 0, checkIntervalMs)).toBe(true);
    expect(checkDue('off', idle, undefined, 1000)).toBe(false);
    expect(checkDue('automatic', { kind: 'downloading', version: '2.0.0', percent: 5 }, undefined, 1)).toBe(false);
    expect(checkDue('automatic', { kind: 'ready', version: '2.0.0' }, 0, checkIntervalMs * 9)).toBe(false);
  });

  it('lets electron-updater download and install on quit only in automatic mode', () => {
    expect(updaterBehaviour('automatic')).toEqual({ check: true, autoDownload: true, autoInstallOnAppQuit: true });
    expect(updaterBehaviour('notify')).toEqual({ check: true, autoDownload: false, autoInstallOnAppQuit: false });
    expect(updaterBehaviour('off').check).toBe(false);
  });

  it('offers "Restart to update" once downloaded, and a later failed check does not take it away', () => {
    let state = nextUpdateState({ kind: 'idle' }, { kind: 'available', version: '2.0.0' });
    state = nextUpdateState(state, { kind: 'progress', percent: 41.6 });
    expect(state).toEqual({ kind: 'downloading', version: '2.0.0', percent: 42 });
    expect(offersRestart(state)).toBe(false);
    state = nextUpdateState(state, { kind: 'downloaded', version: '2.0.0' });
    expect(offersRestart(state)).toBe(true);
    expect(nextUpdateState(state, { kind: 'error', code: 'ECONNREFUSED' })).toBe(state);
    expect(nextUpdateState({ kind: 'checking' }, { kind: 'error', code: 'ERR_CHECKSUM_MISMATCH' })).toEqual({
      kind: 'failed',
      reason: 'checksum',
    });
    expect(failureOf('ECONNREFUSED')).toBe('network');
    expect(failureOf(undefined)).toBe('other');
  });

  it("follows electron-updater's rollout rule on the installation id's last four bytes", () => {
    expect(withinRollout(undefined, 'f47ac10b-58cc-4372-a567-0000ffffffff')).toBe(true);
    expect(withinRollout(25, 'f47ac10b-58cc-4372-a567-00003fffffff')).toBe(true); // 0.2499…
    expect(withinRollout(25, 'f47ac10b-58cc-4372-a567-000040000000')).toBe(false); // 0.25…
    expect(withinRollout(100, 'f47ac10b-58cc-4372-a567-0000fffffffe')).toBe(true);
    expect(withinRollout(0, 'f47ac10b-58cc-4372-a567-000000000000')).toBe(false);
  });
});

describe('the update controller', () => {
  function fakeUpdater() {
    const listeners = new Map<string, (value: never) => void>();
    const calls: string[] = [];
    const updater: UpdaterPort & { emit(name: string, value?: unknown): void } = {
      autoDownload: true,
      autoInstallOnAppQuit: true,
      on: (event: string, listener: (value: never) => void) => listeners.set(event, listener),
      checkForUpdates: () => {
        calls.push('check');
        return Promise.resolve(null);
      },
      downloadUpdate: () => {
        calls.push('download');
        return Promise.resolve([]);
      },
      quitAndInstall: () => void calls.push('quitAndInstall'),
      emit: (name, value) => listeners.get(name)?.(value as never),
    } as UpdaterPort & { emit(name: string, value?: unknown): void };
    return { updater, calls };
  }

  it('asks the feed on the four-hour tick only when due, and restarts only when ready', async () => {
    const { updater, calls } = fakeUpdater();
    let tick: () => void = () => undefined;
    let now = 0;
    const controller = createUpdateController({
      updater,
      mode: 'notify',
      now: () => now,
      every: (run, ms) => {
        expect(ms).toBe(checkIntervalMs);
        tick = run;
        return () => undefined;
      },
    });
    expect(updater.autoDownload).toBe(false);
    await controller.checkNow();
    now = checkIntervalMs - 1;
    tick();
    expect(calls).toEqual(['check']);
    now = checkIntervalMs;
    tick();
    expect(calls).toEqual(['check', 'check']);

    expect(controller.restartToUpdate()).toBe(false);
    updater.emit('update-available', { version: '2.0.0' });
    await controller.download();
    updater.emit('update-downloaded', { version: '2.0.0' });
    expect(controller.restartToUpdate()).toBe(true);
    expect(calls).toEqual(['check', 'check', 'download', 'quitAndInstall']);

    controller.setMode('off');
    now = checkIntervalMs * 10;
    await controller.checkNow();
    expect(calls.filter((call) => call === 'check')).toHaveLength(2);
  });
});
