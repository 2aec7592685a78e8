import { accountContract, accountEvents } from './account';
import { appContract, appEvents } from './app';
import { authContract, authEvents } from './auth';
import { billingContract, billingEvents } from './billing';
import { chatContract, chatEvents } from './chat';
import { devicesContract, devicesEvents } from './devices';
import { downloadsContract, downloadsEvents } from './downloads';
import { fingerprintContract, fingerprintEvents } from './fingerprint';
import { helpContract, helpEvents } from './help';
import { securityContract, securityEvents } from './security';
import { sessionContract, sessionEvents } from './session';
import { settingsContract, settingsEvents } from './settings';
import { subscriptionsContract, subscriptionsEvents } from './subscriptions';
import { supportContract, supportEvents } from './support';
import { thisComputerContract, thisComputerEvents } from './this-computer';
import { ticketsContract, ticketsEvents } from './tickets';
import { updatesContract, updatesEvents } from './updates';

/**
 * The IPC contract: every call the renderer can make, by area (`<area>.<method>`). The main
 * process registers and validates handlers from this object; the preload and the browser
 * host build `window.palisade` from it, so the transports cannot drift.
 */
export const contract = {
  ...appContract,
  ...sessionContract,
  ...authContract,
  ...accountContract,
  ...securityContract,
  ...subscriptionsContract,
  ...billingContract,
  ...thisComputerContract,
  ...devicesContract,
  ...settingsContract,
  ...fingerprintContract,
  ...downloadsContract,
  ...supportContract,
  ...helpContract,
  ...chatContract,
  ...ticketsContract,
  ...updatesContract,
} as const;

/** Every event the main process pushes to the renderer. */
export const events = {
  ...appEvents,
  ...sessionEvents,
  ...authEvents,
  ...accountEvents,
  ...securityEvents,
  ...subscriptionsEvents,
  ...billingEvents,
  ...thisComputerEvents,
  ...devicesEvents,
  ...settingsEvents,
  ...fingerprintEvents,
  ...downloadsEvents,
  ...supportEvents,
  ...helpEvents,
  ...chatEvents,
  ...ticketsEvents,
  ...updatesEvents,
} as const;

export type Contract = typeof contract;
export type Events = typeof events;
