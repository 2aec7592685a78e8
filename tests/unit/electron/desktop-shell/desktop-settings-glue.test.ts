import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';

/** Settings reaching the main process's glue, with the Electron module faked (the binary is not here). */
const fake = vi.hoisted(() => ({
  shown: [] as { title: string; body: string }[],
  loginItems: [] as { openAtLogin: boolean; args?: string[] }[],
}));

vi.mock('electron', () => ({
  app: {
    setAppUserModelId: () => undefined,
    getName: () => 'Palisade',
    setLoginItemSettings: (settings: { openAtLogin: boolean; args?: string[] }) => void fake.loginItems.push(settings),
  },
  Notification: class {
    static isSupported = () => true;
    constructor(private readonly options: { title: string; body: string }) {}
    on() {}
    show() {
      fake.shown.push(this.options);
    }
  },
}));

const { followDesktopSettings } = await import('../../../../electron/main/desktop-settings');
const { applyStartAtLogin } = await import('../../../../electron/main/login-item');
const { raiseNotifications } = await import('../../../../electron/main/notifications');
const { createAppEvents } = await import('../../../../electron/services/events/app-events');
const { createEventHub } = await import('../../../../electron/services/ipc/event-hub');
const { silentLogger } = await import('../../../../electron/services/log/logger');
const { notificationSwitches } = await import('../../../../electron/services/settings/desktop-settings');
const { createSettingsService, defaultSettings } = await import('../../../../electron/services/settings/settings-service');
const { createMemoryStore } = await import('../../../../electron/services/storage/key-value-store');
const { createUpdateController } = await import('../../../../electron/services/updates/update-controller');

const now = new Date('2026-12-02T12:00:00Z');
const state = (overrides: Partial<ThisComputerState>): ThisComputerState => ({
  state: 'protected',
  device: null,
  protectedUntil: '2027-06-20T00:00:00.000Z',
  leaseExpiresAt: null,
  lastCheckedAt: null,
  removedAt: null,
  offline: false,
  licenceKeyChanged: false,
  suggestedName: 'desk',
  ...overrides,
});

/** electron-updater's autoUpdater as far as the policy uses it; it never finds anything. */
const fakeUpdater = () => ({
  autoDownload: true,
  autoInstallOnAppQuit: true,
  checks: 0,
  on: () => undefined,
  async checkForUpdates() {
    this.checks++;
    return null;
  },
  downloadUpdate: async () => null,
  quitAndInstall: () => undefined,
});

function setup(startAtLogin: (on: boolean) => Promise<void> = async () => undefined) {
  const events = createAppEvents(createEventHub());
  const settings = createSettingsService({ store: createMemoryStore(), events });
  const updater = fakeUpdater();
  const updates = createUpdateController({ updater, mode: settings.get().updates, every: () => () => undefined });
  const stop = followDesktopSettings({ events, settings, updates, startAtLogin, logger: silentLogger });
  return { events, settings, updater, updates, stop };
}

let dir: string;
const xdg = process.env.XDG_CONFIG_HOME;
beforeEach(async () => {
  fake.shown.length = 0;
  fake.loginItems.length = 0;
  dir = await mkdtemp(join(tmpdir(), 'palisade-desktop-settings-'));
});
afterEach(async () => {
  if (xdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = xdg;
  await rm(dir, { recursive: true, force: true });
});

describe('Settings → Updates reaching the updater', () => {
  it('starts in the stored mode and follows a change of mode', async () => {
    const { settings, updater, updates, stop } = setup();
    expect(updater.autoDownload).toBe(true);
    settings.update({ updates: 'notify' });
    expect(updater.autoDownload).toBe(false); // tell me: the download waits for "Download"
    settings.update({ updates: 'off' });
    await updates.checkNow();
    expect(updater.checks).toBe(0); // off: not even a check
    settings.update({ updates: 'automatic' });
    await updates.checkNow();
    expect(updater.checks).toBe(1);
    expect(updater.autoDownload).toBe(true);
    stop();
    settings.update({ updates: 'off' });
    expect(updater.autoDownload).toBe(true); // stopped following
  });
});

describe('Settings → Notifications reaching the notification policy', () => {
  it('a switched-off kind is not raised, and raised again once switched on', () => {
    const { events, settings } = setup();
    const raised = raiseNotifications({
      events,
      locale: () => 'en',
      switches: () => notificationSwitches(settings.get().notifications),
      window: () => ({ focused: false, showing: { screen: 'other' } }),
      onClick: () => undefined,
      now: () => now.getTime(),
    });
    settings.update({ notifications: { ...defaultSettings.notifications, removedElsewhere: false } });
    events.emit('thisComputer.changed', state({}));
    events.emit('thisComputer.changed', state({ state: 'removed', removedAt: now.toISOString() }));
    expect(fake.shown).toEqual([]);
    settings.update({ notifications: defaultSettings.notifications });
    events.emit('thisComputer.changed', state({}));
    events.emit('thisComputer.changed', state({ state: 'removed', removedAt: now.toISOString() }));
    expect(fake.shown.map((n) => n.title)).toEqual(['This computer was removed']);
    raised.stop();
  });

  it('maps every switch to the policy’s kind of the same meaning', () => {
    const only = (kind: keyof typeof defaultSettings.notifications) =>
      notificationSwitches({ protectionEnding: false, protectionEnded: false, removedElsewhere: false, updateReady: false, supportReply: false, [kind]: true });
    expect(only('removedElsewhere')).toMatchObject({ computerRemoved: true, protectionEnded: false });
    expect(only('protectionEnding')).toMatchObject({ protectionEnding: true, computerRemoved: false });
    expect(only('protectionEnded')).toMatchObject({ protectionEnded: true });
    expect(only('updateReady')).toMatchObject({ updateReady: true, supportReply: false });
    expect(only('supportReply')).toMatchObject({ supportReply: true, updateReady: false });
  });
});

describe('Settings → Start at login reaching the login item', () => {
  it('calls the login-item glue only when the switch changes', async () => {
    const calls: boolean[] = [];
    const { settings } = setup(async (on) => void calls.push(on));
    settings.update({ updates: 'notify' });
    settings.update({ startAtLogin: true });
    settings.update({ startAtLogin: true });
    settings.update({ startAtLogin: false });
    expect(calls).toEqual([true, false]);
  });

  it('on Linux writes and removes the owner-only XDG autostart entry', async () => {
    process.env.XDG_CONFIG_HOME = dir;
    const { settings } = setup(applyStartAtLogin);
    const file = join(dir, 'autostart', 'palisade.desktop');
    settings.update({ startAtLogin: true });
    await vi.waitFor(async () => expect(await readFile(file, 'utf8')).toContain('--hidden'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    settings.update({ startAtLogin: false });
    await vi.waitFor(async () => expect(await stat(file).catch(() => null)).toBeNull());
    expect(fake.loginItems).toEqual([]);
  });

  it('elsewhere sets Electron’s login item, started hidden', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    try {
      Object.defineProperty(process, 'platform', { value: 'win32' });
      const { settings } = setup(applyStartAtLogin);
      settings.update({ startAtLogin: true });
      settings.update({ startAtLogin: false });
      await vi.waitFor(() => expect(fake.loginItems).toEqual([{ openAtLogin: true, args: ['--hidden'] }, { openAtLogin: false, args: ['--hidden'] }]));
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});
