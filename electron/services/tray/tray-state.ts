import type { ThisComputerState } from '../../../shared/contract/this-computer';
import type { OsMessageId, OsText } from '../notifications/os-text';

/**
 * The tray's decisions, pure: which of three icons, and which menu, for where this computer
 * stands. The glue in electron/main/tray.ts only turns these into Electron's Tray and Menu.
 */
export type TrayLevel = 'protected' | 'attention' | 'unprotected';

/** Protection ending within this many days makes the tray ask for attention (the last reminder before 1 day). */
export const attentionDays = 7;
const day = 24 * 60 * 60 * 1000;

export function trayLevel(state: ThisComputerState, now: Date): TrayLevel {
  if (state.state !== 'protected') return 'unprotected';
  const until = state.protectedUntil ? Date.parse(state.protectedUntil) : Number.NaN;
  if (state.licenceKeyChanged || state.offline) return 'attention';
  if (Number.isFinite(until) && until - now.getTime() <= attentionDays * day) return 'attention';
  return 'protected';
}

/** The icon files in build/ (made by scripts/make-icons.mjs from build/icon.svg), one per level. */
export const trayIconFile: Record<TrayLevel, string> = {
  protected: 'tray-protected.png',
  attention: 'tray-attention.png',
  unprotected: 'tray-unprotected.png',
};

/** The state in words, as the menu's disabled line and the tooltip say it. */
export function stateInWords(state: ThisComputerState, now: Date, t: OsText): string {
  const until = state.protectedUntil ? new Date(state.protectedUntil) : undefined;
  switch (state.state) {
    case 'protected': {
      if (state.licenceKeyChanged) return t('tray.state.keyChanged');
      if (!until) return t('tray.state.notProtected');
      if (trayLevel(state, now) === 'attention' && !state.offline) return t('tray.state.ending', { until });
      return t(state.offline ? 'tray.state.protectedOffline' : 'tray.state.protected', { until });
    }
    case 'removed':
      return t('tray.state.removed');
    case 'expired':
      return t('tray.state.expired');
    case 'signedOut':
      return t('tray.state.signedOut');
    case 'unregistered':
      return t('tray.state.notProtected');
  }
}

export type TrayAction = 'open' | 'checkNow' | 'quit';
export type TrayMenuItem =
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { kind: 'label'; label: string }
  | { kind: 'separator' };

const action = (name: TrayAction, id: OsMessageId, t: OsText, enabled = true): TrayMenuItem => ({
  kind: 'action',
  action: name,
  label: t(id),
  enabled,
});

/**
 * Open Palisade, Check protection now, the state in words, Quit. "Check" needs a seat to
 * check: with nobody signed in or no device here there is nothing to ask the service.
 */
export function trayMenu(state: ThisComputerState, now: Date, t: OsText): TrayMenuItem[] {
  const canCheck = state.state !== 'signedOut' && state.state !== 'unregistered';
  return [
    action('open', 'tray.open', t),
    action('checkNow', 'tray.checkNow', t, canCheck),
    { kind: 'separator' },
    { kind: 'label', label: stateInWords(state, now, t) },
    { kind: 'separator' },
    action('quit', 'tray.quit', t),
  ];
}

export const trayTooltip = (state: ThisComputerState, now: Date, t: OsText): string =>
  t('tray.tooltip', { state: stateInWords(state, now, t) });

/**
 * Closing the window: with close-to-tray on (and a tray to come back from) the window hides
 * and protection keeps being checked; otherwise the app quits as closing usually means.
 */
export const closeHides = (closeToTray: boolean, trayShown: boolean, quitting: boolean): boolean =>
  closeToTray && trayShown && !quitting;
