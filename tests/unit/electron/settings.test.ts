import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppEvents } from '../../../electron/services/events/app-events';
import { createEventHub } from '../../../electron/services/ipc/event-hub';
import { createSettingsHandlers } from '../../../electron/services/settings/settings-handlers';
import { createSettingsService, defaultSettings } from '../../../electron/services/settings/settings-service';
import { createJsonFileStore } from '../../../electron/services/storage/json-file-store';
import { type Settings, settingsContract } from '../../../shared/contract/settings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open() {
  const events = createAppEvents(createEventHub());
  const changes: Settings[] = [];
  events.on('settings.changed', (s) => changes.push(s));
  const store = createJsonFileStore(join(dir, 'settings.json'));
  return { settings: createSettingsService({ store, events }), changes };
}

describe('settings', () => {
  it('follow the system until changed, and remember a change across a restart', async () => {
    const first = open();
    expect(first.settings.get()).toEqual(defaultSettings);
    expect(first.settings.update({ language: 'de' })).toEqual({ ...defaultSettings, language: 'de' });
    expect(first.changes).toEqual([{ ...defaultSettings, language: 'de' }]);

    const restarted = open();
    expect(restarted.settings.get()).toEqual({ ...defaultSettings, language: 'de' });
    expect((await stat(join(dir, 'settings.json'))).mode & 0o777).toBe(0o600);
  });

  it('publish settings.changed only when something changed', () => {
    const { settings, changes } = open();
    settings.update({ language: 'system' });
    settings.update({});
    expect(changes).toEqual([]);
  });

  it('read a damaged file as the defaults, and a damaged setting as its default', async () => {
    await writeFile(join(dir, 'settings.json'), '{"settings": {"language": "de"');
    expect(open().settings.get()).toEqual(defaultSettings);
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ settings: { language: 'klingon', later: true } }));
    expect(open().settings.get()).toEqual(defaultSettings);
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ settings: 'de' }));
    expect(open().settings.get()).toEqual(defaultSettings);
    // The next change writes a sound file again.
    open().settings.update({ language: 'en' });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({ settings: { ...defaultSettings, language: 'en' } });
  });

  it('are the contract’s settings area', async () => {
    const { settings } = open();
    const handlers = createSettingsHandlers(settings).settings;
    expect(await handlers.get({}, undefined)).toEqual(defaultSettings);
    expect(await handlers.update({ language: 'en' }, undefined)).toEqual({ ...defaultSettings, language: 'en' });
    expect(settings.get()).toEqual({ ...defaultSettings, language: 'en' });
  });

  it('default to automatic updates, every notification on, no close-to-tray and no start at login', () => {
    expect(open().settings.get()).toEqual({
      language: 'system',
      updates: 'automatic',
      notifications: { protectionEnding: true, protectionEnded: true, removedElsewhere: true, updateReady: true, supportReply: true },
      closeToTray: false,
      startAtLogin: false,
    });
  });

  it('read a file from before these settings with their defaults, keeping what it has', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ settings: { language: 'de' } }));
    expect(open().settings.get()).toEqual({ ...defaultSettings, language: 'de' });
    // A notifications object without a newer switch: that switch is on, the stored ones stand.
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ settings: { updates: 'notify', notifications: { protectionEnding: false, somethingOld: false } } }),
    );
    expect(open().settings.get()).toEqual({
      ...defaultSettings,
      updates: 'notify',
      notifications: { ...defaultSettings.notifications, protectionEnding: false },
    });
  });

  it('read a damaged new setting as its default and the others as stored', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ settings: { updates: 'sometimes', closeToTray: 'yes', startAtLogin: true, notifications: { updateReady: 'no' } } }),
    );
    expect(open().settings.get()).toEqual({ ...defaultSettings, startAtLogin: true });
  });

  it('remember the update mode, each notification switch and the desktop switches, and publish the change', () => {
    const first = open();
    const notifications = { ...defaultSettings.notifications, supportReply: false };
    first.settings.update({ updates: 'off', notifications, closeToTray: true, startAtLogin: true });
    const expected = { ...defaultSettings, updates: 'off', notifications, closeToTray: true, startAtLogin: true };
    expect(first.changes).toEqual([expected]);
    expect(open().settings.get()).toEqual(expected);
  });

  it('refuse an unknown mode, a half notifications object or an unknown switch at the contract', () => {
    const update = settingsContract.settings.update.input;
    expect(update.safeParse({ updates: 'sometimes' }).success).toBe(false);
    expect(update.safeParse({ notifications: { updateReady: false } }).success).toBe(false);
    expect(update.safeParse({ notifications: { ...defaultSettings.notifications, spam: true } }).success).toBe(false);
    expect(update.safeParse({ closeToTray: 'yes' }).success).toBe(false);
    expect(update.safeParse({ updates: 'notify', startAtLogin: true }).success).toBe(true);
  });
});
