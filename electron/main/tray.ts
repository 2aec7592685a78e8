import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { ThisComputerState } from '../../shared/contract/this-computer';
import type { AppEvents } from '../services/events/app-events';
import type { Locale } from '../../shared/i18n/languages';
import { osText } from '../services/notifications/os-text';
import { type TrayAction, trayIconFile, trayLevel, trayMenu, trayTooltip } from '../services/tray/tray-state';

/**
 * The tray icon, glue only: tray-state.ts decides the icon and the menu; this turns them into
 * Electron's Tray and Menu whenever the protection state or the language changes.
 */
export function showTray(options: {
  iconDir: string;
  events: AppEvents;
  locale: () => Locale;
  initial: ThisComputerState;
  act: Record<TrayAction, () => void>;
  now?: () => Date;
}): { destroy(): void } {
  const now = options.now ?? (() => new Date());
  let state = options.initial;
  const tray = new Tray(nativeImage.createFromPath(join(options.iconDir, trayIconFile[trayLevel(state, now())])));
  const render = () => {
    const t = osText(options.locale());
    tray.setImage(nativeImage.createFromPath(join(options.iconDir, trayIconFile[trayLevel(state, now())])));
    tray.setToolTip(trayTooltip(state, now(), t));
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenu(state, now(), t).map((item) =>
          item.kind === 'separator'
            ? { type: 'separator' as const }
            : item.kind === 'label'
              ? { label: item.label, enabled: false }
              : { label: item.label, enabled: item.enabled, click: options.act[item.action] },
        ),
      ),
    );
  };
  render();
  const offs = [
    options.events.on('thisComputer.changed', (next) => {
      state = next;
      render();
    }),
    options.events.on('desktop.localeChanged', render),
  ];
  return {
    destroy() {
      for (const off of offs) off();
      tray.destroy();
    },
  };
}
