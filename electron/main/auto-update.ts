import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { Logger } from '../services/log/logger';
import { createUpdateController, type UpdateController } from '../services/updates/update-controller';
import type { UpdateMode } from '../services/updates/update-policy';

/**
 * electron-updater's autoUpdater handed to the plain-Node policy, glue only. The feed is the
 * one electron-builder.yml's `publish` wrote into app-update.yml, or PALISADE_UPDATE_URL when
 * set (a test or a staging service). Unpackaged builds do not update.
 */
export function startAutoUpdate(options: { mode: UpdateMode; feedUrl?: string | undefined; logger: Logger }): UpdateController | undefined {
  if (!app.isPackaged) return undefined;
  const { autoUpdater } = electronUpdater;
  if (options.feedUrl) autoUpdater.setFeedURL({ provider: 'generic', url: options.feedUrl });
  autoUpdater.logger = null;
  const controller = createUpdateController({ updater: autoUpdater, mode: options.mode, logger: options.logger });
  void controller.checkNow();
  return controller;
}
