import { z } from 'zod';
import { languageChoiceSchema } from '../i18n/languages';
import { invoke, none } from './define';

export const updateModeSchema = z.enum(['automatic', 'notify', 'off']);
export type UpdateModeSetting = z.infer<typeof updateModeSchema>;

/** The OS notifications, each switchable on its own in Settings → Notifications. */
export const notificationSettingKinds = ['protectionEnding', 'protectionEnded', 'removedElsewhere', 'updateReady', 'supportReply'] as const;
export const notificationSettingsSchema = z
  .object({
    protectionEnding: z.boolean(),
    protectionEnded: z.boolean(),
    removedElsewhere: z.boolean(),
    updateReady: z.boolean(),
    supportReply: z.boolean(),
  })
  .strict();
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** What a person set in Settings and the app remembers across restarts. */
export const settingsSchema = z.object({
  /** `system` follows the operating system's language (the browser's in the browser host). */
  language: languageChoiceSchema,
  /** Install automatically, tell me (download on request), or never look. */
  updates: updateModeSchema,
  notifications: notificationSettingsSchema,
  /** Closing the window keeps Palisade in the tray (desktop only; the browser host stores it and does nothing). */
  closeToTray: z.boolean(),
  /** Desktop only: Electron's login item, or the XDG autostart entry on Linux. */
  startAtLogin: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * Close-to-tray is off everywhere by default: closing a window means quitting to most people,
 * a process that stays behind unasked surprises them, and several Linux desktops (GNOME) show
 * no tray to come back from. Someone who wants it in the tray turns it on.
 */
export const defaultSettings: Settings = {
  language: 'system',
  updates: 'automatic',
  notifications: { protectionEnding: true, protectionEnded: true, removedElsewhere: true, updateReady: true, supportReply: true },
  closeToTray: false,
  startAtLogin: false,
};

export const settingsContract = {
  settings: {
    get: invoke(none, settingsSchema),
    /** Changes what is given, keeps the rest, and answers with all of it. */
    update: invoke(settingsSchema.partial().strict(), settingsSchema),
  },
} as const;

/** Settings change only when the renderer asks, and it gets them back in the answer. */
export const settingsEvents = {} as const;
