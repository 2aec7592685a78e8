import { describe, expect, it } from 'vitest';
import { createAppEvents } from '../../../electron/services/events/app-events';
import { createDesktopI18n, formatDesktopMessage } from '../../../electron/services/i18n/desktop-i18n';
import { sessionDeviceName } from '../../../electron/services/i18n/session-device-name';
import { environmentLanguages } from '../../../electron/services/i18n/system-languages';
import { createEventHub } from '../../../electron/services/ipc/event-hub';
import { createSettingsService } from '../../../electron/services/settings/settings-service';
import { createMemoryStore } from '../../../electron/services/storage/key-value-store';
import { type Locale, localeFor } from '../../../shared/i18n/languages';

function desktop(system: string[]) {
  const events = createAppEvents(createEventHub());
  const settings = createSettingsService({ store: createMemoryStore(), events });
  const i18n = createDesktopI18n({ choice: () => settings.get().language, systemLanguages: () => system, events });
  const announced: Locale[] = [];
  events.on('desktop.localeChanged', ({ locale }) => announced.push(locale));
  return { settings, i18n, announced };
}

describe('the main process’s own text', () => {
  it('follows the system’s languages while Settings says “same as the system”', () => {
    expect(desktop(['de-AT', 'en-US']).i18n.t('desktop.host.running', { url: 'http://x' })).toBe(
      'Palisade läuft unter http://x',
    );
    expect(desktop(['fr-FR', 'en-GB']).i18n.locale()).toBe('en');
    expect(desktop([]).i18n.t('desktop.host.running', { url: 'http://x' })).toBe('Palisade is running at http://x');
  });

  it('switches at once when the language is chosen in Settings, and says so', () => {
    const { settings, i18n, announced } = desktop(['en-US']);
    settings.update({ language: 'de' });
    expect(i18n.locale()).toBe('de');
    expect(sessionDeviceName(i18n, 'electron', 'anna-laptop')).toBe('Palisade auf anna-laptop');
    settings.update({ language: 'system' });
    expect(sessionDeviceName(i18n, 'browser', 'anna-laptop')).toBe('Palisade (browser) on anna-laptop');
    expect(announced).toEqual(['de', 'en']);
  });

  it('speaks the pseudo-locale when the system asks for it', () => {
    expect(desktop(['en-XA']).i18n.t('desktop.device.fallbackName')).toMatch(/^⟦Ŧħīş ƈǿḿƥŭŧḗř ·~/);
  });

  it('keeps a session name within the service’s 64 characters', () => {
    expect(sessionDeviceName(desktop([]).i18n, 'electron', 'x'.repeat(100))).toHaveLength(64);
  });
});

describe('the browser host’s languages come from its environment', () => {
  it.each([
    [{ LANG: 'de_DE.UTF-8' }, ['de-DE']],
    [{ LANG: 'en_GB.UTF-8', LANGUAGE: 'de:en' }, ['de', 'en', 'en-GB']],
    [{ LC_ALL: 'de_AT.UTF-8', LANG: 'en_US.UTF-8' }, ['de-AT']],
    [{ LC_ALL: 'C', LC_MESSAGES: 'de_CH', LANG: 'en_US' }, ['de-CH', 'en-US']],
    [{ LANG: 'C.UTF-8' }, []],
    [{}, []],
  ])('%j → %j', (env, expected) => {
    expect(environmentLanguages(env)).toEqual(expected);
  });
});

describe('a desktop message in a reader’s own locale', () => {
  it('speaks the locale asked for, whatever the app speaks', () => {
    expect(formatDesktopMessage('de', 'desktop.host.badPort', { value: 'x' })).toMatch(/^--port erwartet eine Portnummer, nicht „x“/);
    expect(formatDesktopMessage(localeFor(['fr-FR', 'en-US']), 'desktop.window.title')).toBe('Palisade');
  });
});
