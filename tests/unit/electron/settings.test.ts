import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppEvents } from '../../../electron/services/events/app-events';
import { createEventHub } from '../../../electron/services/ipc/event-hub';
import { createSettingsHandlers } from '../../../electron/services/settings/settings-handlers';
import { createSettingsService } from '../../../electron/services/settings/settings-service';
import { createJsonFileStore } from '../../../electron/services/storage/json-file-store';
import type { Settings } from '../../../shared/contract/settings';

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
    expect(first.settings.get()).toEqual({ language: 'system' });
    expect(first.settings.update({ language: 'de' })).toEqual({ language: 'de' });
    expect(first.changes).toEqual([{ language: 'de' }]);

    const restarted = open();
    expect(restarted.settings.get()).toEqual({ language: 'de' });
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
    expect(open().settings.get()).toEqual({ language: 'system' });
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ settings: { language: 'klingon', later: true } }));
    expect(open().settings.get()).toEqual({ language: 'system' });
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ settings: 'de' }));
    expect(open().settings.get()).toEqual({ language: 'system' });
    // The next change writes a sound file again.
    open().settings.update({ language: 'en' });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({ settings: { language: 'en' } });
  });

  it('are the contract’s settings area', async () => {
    const { settings } = open();
    const handlers = createSettingsHandlers(settings).settings;
    expect(await handlers.get({}, undefined)).toEqual({ language: 'system' });
    expect(await handlers.update({ language: 'en' }, undefined)).toEqual({ language: 'en' });
    expect(settings.get()).toEqual({ language: 'en' });
  });
});
