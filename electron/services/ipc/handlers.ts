import type { Handlers } from '../../../shared/contract/types';
import { type AppHandlerServices, createAppHandlers } from '../app/app-handlers';
import { createBillingHandlers } from '../billing/billing-handlers';
import type { BillingService } from '../billing/billing-service';
import { createDevicesHandlers } from '../devices/devices-handlers';
import { createDownloadsHandlers } from '../downloads/downloads-handlers';
import type { DownloadsService } from '../downloads/downloads-service';
import type { AccountDevicesService } from '../devices/devices-service';
import type { FingerprintService } from '../fingerprint';
import { createFingerprintHandlers } from '../fingerprint/fingerprint-handlers';
import { createFingerprintRefresh } from '../fingerprint/fingerprint-refresh';
import { createAccountHandlers } from '../session/account-handlers';
import type { AccountSecurity } from '../session/account-security';
import { createAuthHandlers } from '../session/auth-handlers';
import { createSecurityHandlers } from '../session/security-handlers';
import type { SessionService } from '../session/session-service';
import { createSettingsHandlers } from '../settings/settings-handlers';
import type { SettingsService } from '../settings/settings-service';
import { createSubscriptionsHandlers } from '../subscriptions/subscriptions-handlers';
import type { SubscriptionsService } from '../subscriptions/subscriptions-service';
import type { Logger } from '../log/logger';
import { createThisComputerHandlers } from '../this-computer/this-computer-handlers';
import type { ThisComputerService } from '../this-computer/this-computer-service';
import type { EventHub } from './event-hub';

export type { AppInfo } from '../app/app-handlers';

export interface HandlerServices extends AppHandlerServices {
  session: SessionService;
  security: AccountSecurity;
  subscriptions: SubscriptionsService;
  billing: BillingService;
  thisComputer: ThisComputerService;
  devices: AccountDevicesService;
  fingerprint: FingerprintService;
  /** Where long-running work (a fingerprint refresh) reports its progress. */
  events: EventHub;
  logger?: Logger;
  settings: SettingsService;
  downloads: DownloadsService;
  /** The `support` area, built beside its API calls (electron/services/support/). */
  support: Pick<Handlers, 'support'>;
  /** The `help` area (electron/services/help/): the knowledge base. */
  help: Pick<Handlers, 'help'>;
  /** The `chat` area (electron/services/support/chat-handlers.ts): live chat with support. */
  chat: Pick<Handlers, 'chat'>;
  /** The `tickets` area (electron/services/support/tickets-handlers.ts): support tickets and their diagnostics. */
  tickets: Pick<Handlers, 'tickets'>;
  /** The `updates` area (electron/services/updates/). */
  updates: Pick<Handlers, 'updates'>;
}

/** Every area of the contract, each answered by the handlers beside its service. */
export function createHandlers(services: HandlerServices): Handlers {
  const { session, security, subscriptions, billing, thisComputer, devices, fingerprint, events, logger, settings } = services;
  return {
    ...createAppHandlers(services),
    ...createAuthHandlers(session),
    ...createAccountHandlers(session),
    ...createSecurityHandlers(security),
    ...createSubscriptionsHandlers(subscriptions),
    ...createBillingHandlers(billing),
    ...createThisComputerHandlers(thisComputer),
    ...createDevicesHandlers(devices),
    ...createFingerprintHandlers(
      createFingerprintRefresh({ fingerprint, events, ...(logger !== undefined && { logger }) }),
    ),
    ...createSettingsHandlers(settings),
    ...createDownloadsHandlers(services.downloads),
    ...services.support,
    ...services.help,
    ...services.chat,
    ...services.tickets,
    ...services.updates,
  };
}
