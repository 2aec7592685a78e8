import type { AppEvents } from '../services/events/app-events';
import type { Logger } from '../services/log/logger';
import type { SettingsService } from '../services/settings/settings-service';
import { desktopChanges } from '../services/settings/desktop-settings';
import type { UpdateController } from '../services/updates/update-controller';

/**
 * Settings the main process acts on when they change, glue only: the update mode goes to the
 * updater, start at login to the login-item glue. Notification switches and close-to-tray are
 * read where they are used, so they need nothing here.
 */
export function followDesktopSettings(options: {
  events: AppEvents;
  settings: SettingsService;
  updates?: UpdateController | undefined;
  startAtLogin: (on: boolean) => Promise<void>;
  logger: Logger;
}): () => void {
  let before = options.settings.get();
  return options.events.on('settings.changed', (after) => {
    const changes = desktopChanges(before, after);
    before = after;
    if (changes.updates) options.updates?.setMode(changes.updates);
    if (changes.startAtLogin !== undefined)
      options.startAtLogin(changes.startAtLogin).catch((error: unknown) =>
        options.logger.warn('start at login could not be changed', { error: String(error) }),
      );
  });
}
