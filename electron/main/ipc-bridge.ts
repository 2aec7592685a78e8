import { type BrowserWindow, ipcMain } from 'electron';
import { channelNames } from '../../shared/contract/client';
import { fail } from '../../shared/errors';
import type { Dispatcher } from '../services/ipc/dispatcher';
import type { EventHub } from '../services/ipc/event-hub';
import { isTrustedSender } from '../services/ipc/trusted-sender';
import type { Logger } from '../services/log/logger';

/**
 * One `ipcMain.handle` per contract channel. Each call must come from the app's own page
 * (the top frame, at the app origin) before the dispatcher validates and runs it.
 */
export function registerIpcHandlers({ dispatcher, appOrigin, logger }: { dispatcher: Dispatcher; appOrigin: string; logger: Logger }) {
  for (const channel of channelNames()) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url, appOrigin)) {
        logger.warn('refused an IPC call from an untrusted frame', { channel });
        return fail({ code: 'IPC_FORBIDDEN', message: 'That action is not available.' });
      }
      return dispatcher.dispatch(channel, input);
    });
  }
}

/** Forwards push events to the window, only while it shows the app itself. */
export function forwardEvents(events: EventHub, window: BrowserWindow, appOrigin: string): () => void {
  return events.subscribe((name, payload) => {
    if (window.isDestroyed()) return;
    if (!isTrustedSender(window.webContents.getURL(), appOrigin)) return;
    window.webContents.send(name, payload);
  });
}
