import de from '../../../shared/locales/de/desktop.json' with { type: 'json' };
import en from '../../../shared/locales/en/desktop.json' with { type: 'json' };
import type { Language } from '../../../shared/i18n/languages';

/**
 * The main process's own text: window titles, dialogs, and what the browser host prints.
 * The tray takes its labels from `desktop.tray.*` and notifications from
 * `desktop.notification.*`, added here in both languages.
 */
export type DesktopMessageId = keyof typeof en;

export const desktopCatalogues: Record<Language, Record<DesktopMessageId, string>> = { en, de };
