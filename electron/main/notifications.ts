import { app, Notification } from 'electron';
import type { ThisComputerState } from '../../shared/contract/this-computer';
import type { Locale } from '../../shared/i18n/languages';
import type { AppEvents } from '../services/events/app-events';
import { APP_ID } from '../services/notifications/app-id';
import {
  type Candidate,
  decide,
  fromProtection,
  type NotificationSwitches,
  remember,
  type Sent,
  type Showing,
  supportReply,
  told,
  updateReady,
  words,
} from '../services/notifications/notification-policy';
import { osText } from '../services/notifications/os-text';
import type { UpdateController } from '../services/updates/update-controller';

/**
 * OS notifications, glue only: notification-policy.ts decides what and whether; this raises
 * Electron's Notification. It hears the app's events, so no service calls it.
 */
export function raiseNotifications(options: {
  events: AppEvents;
  updates?: UpdateController;
  /** Support's replies to the account's tickets (electron/services/support/tickets-setup.ts). */
  supportReplies?: (listener: (reply: { ticketId: string; subject: string; replyId: string }) => void) => () => void;
  locale: () => Locale;
  switches: () => NotificationSwitches;
  /** Whether the window is focused, and what it shows. */
  window: () => { focused: boolean; showing: Showing };
  onClick: (candidate: Candidate) => void;
  now?: () => number;
}): { stop(): void } {
  // Windows shows a notification only for an app whose AppUserModelID matches its shortcut's.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const now = options.now ?? Date.now;
  let sent: Sent = { keys: new Set(), lastOfKind: {} };
  let previous: ThisComputerState | undefined;

  const consider = (candidate: Candidate) => {
    const window = options.window();
    const decision = decide(candidate, { switches: options.switches(), sent, now: now(), ...window });
    if (told(decision)) sent = remember(sent, candidate, now());
    if (decision !== 'show' || !Notification.isSupported()) return;
    const notification = new Notification(words(candidate, osText(options.locale())));
    notification.on('click', () => options.onClick(candidate));
    notification.show();
  };

  const offs = [
    options.events.on('thisComputer.changed', (state) => {
      for (const candidate of fromProtection(previous, state, new Date(now()))) consider(candidate);
      previous = state;
    }),
  ];
  const offUpdates = options.updates?.onChange((state) => {
    if (state.kind === 'ready') consider(updateReady(state.version));
  });
  const offReplies = options.supportReplies?.((reply) => consider(supportReply(reply.ticketId, reply.subject, reply.replyId)));
  return {
    stop() {
      for (const off of offs) off();
      offUpdates?.();
      offReplies?.();
    },
  };
}
