import type { NotificationSettings, Settings } from '../../../shared/contract/settings';
import type { NotificationSwitches } from '../notifications/notification-policy';

/** Settings → Notifications as the notification policy's switches (it calls "removed elsewhere" computerRemoved). */
export const notificationSwitches = (settings: NotificationSettings): NotificationSwitches => ({
  protectionEnding: settings.protectionEnding,
  protectionEnded: settings.protectionEnded,
  computerRemoved: settings.removedElsewhere,
  updateReady: settings.updateReady,
  supportReply: settings.supportReply,
});

/** What the main process must do about a settings change; the rest it reads when needed. */
export function desktopChanges(before: Settings, after: Settings): { updates?: Settings['updates']; startAtLogin?: boolean } {
  return {
    ...(before.updates !== after.updates && { updates: after.updates }),
    ...(before.startAtLogin !== after.startAtLogin && { startAtLogin: after.startAtLogin }),
  };
}
