import { describe, expect, it } from 'vitest';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import { osText } from '../../../../electron/services/notifications/os-text';
import { closeHides, trayIconFile, trayLevel, trayMenu, trayTooltip } from '../../../../electron/services/tray/tray-state';

const now = new Date('2026-12-02T12:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
const state = (overrides: Partial<ThisComputerState>): ThisComputerState => ({
  state: 'protected',
  device: null,
  protectedUntil: inDays(200),
  leaseExpiresAt: inDays(7),
  lastCheckedAt: now.toISOString(),
  removedAt: null,
  offline: false,
  licenceKeyChanged: false,
  suggestedName: 'desk',
  ...overrides,
});
const en = osText('en');
const de = osText('de');

describe('the tray icon per protection state', () => {
  it('is protected, needs attention (ending within 7 days, offline, key changed) or not protected', () => {
    expect(trayLevel(state({}), now)).toBe('protected');
    expect(trayLevel(state({ protectedUntil: inDays(8) }), now)).toBe('protected');
    expect(trayLevel(state({ protectedUntil: inDays(7) }), now)).toBe('attention');
    expect(trayLevel(state({ offline: true }), now)).toBe('attention');
    expect(trayLevel(state({ licenceKeyChanged: true }), now)).toBe('attention');
    for (const other of ['removed', 'expired', 'signedOut', 'unregistered'] as const) {
      expect(trayLevel(state({ state: other }), now), other).toBe('unprotected');
    }
    expect(new Set(Object.values(trayIconFile)).size).toBe(3);
  });
});

describe('the tray menu', () => {
  it('offers Open, Check protection now, the state in words and Quit, in the language spoken', () => {
    const menu = trayMenu(state({ protectedUntil: '2027-06-20T00:00:00Z' }), now, en);
    expect(menu.map((item) => (item.kind === 'separator' ? '-' : item.label))).toEqual([
      'Open Palisade',
      'Check protection now',
      '-',
      'Protected until Jun 20, 2027',
      '-',
      'Quit',
    ]);
    const german = trayMenu(state({ state: 'removed' }), now, de);
    expect(german.map((item) => (item.kind === 'separator' ? '-' : item.label))).toEqual([
      'Palisade öffnen',
      'Schutz jetzt prüfen',
      '-',
      'Nicht geschützt: Dieser Computer wurde aus Ihrem Konto entfernt',
      '-',
      'Beenden',
    ]);
  });

  it('says why it needs attention, and has nothing to check without a seat here', () => {
    const ending = trayMenu(state({ protectedUntil: '2026-12-05T00:00:00Z' }), now, en);
    expect(ending).toContainEqual({ kind: 'label', label: 'Needs attention: protection ends Dec 5, 2026' });
    const signedOut = trayMenu(state({ state: 'signedOut', protectedUntil: null }), now, en);
    expect(signedOut.find((item) => item.kind === 'action' && item.action === 'checkNow')).toMatchObject({ enabled: false });
    expect(trayTooltip(state({ state: 'expired' }), now, en)).toBe('Palisade — Not protected: your protection has ended');
  });

  it('hides the window on close only with close-to-tray on, a tray shown, and not quitting', () => {
    expect(closeHides(true, true, false)).toBe(true);
    expect(closeHides(false, true, false)).toBe(false);
    expect(closeHides(true, false, false)).toBe(false);
    expect(closeHides(true, true, true)).toBe(false);
  });
});
