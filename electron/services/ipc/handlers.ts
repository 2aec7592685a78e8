import type { Handlers } from '../../../shared/contract/types';
import { type AppHandlerServices, createAppHandlers } from '../app/app-handlers';
import { createDevicesHandlers } from '../devices/devices-handlers';
import type { AccountDevicesService } from '../devices/devices-service';
import { createAccountHandlers } from '../session/account-handlers';
import type { AccountSecurity } from '../session/account-security';
import { createAuthHandlers } from '../session/auth-handlers';
import { createSecurityHandlers } from '../session/security-handlers';
import type { SessionService } from '../session/session-service';
import { createSubscriptionsHandlers } from '../subscriptions/subscriptions-handlers';
import type { SubscriptionsService } from '../subscriptions/subscriptions-service';
import { createThisComputerHandlers } from '../this-computer/this-computer-handlers';
import type { ThisComputerService } from '../this-computer/this-computer-service';

export type { AppInfo } from '../app/app-handlers';

export interface HandlerServices extends AppHandlerServices {
  session: SessionService;
  security: AccountSecurity;
  subscriptions: SubscriptionsService;
  thisComputer: ThisComputerService;
  devices: AccountDevicesService;
  /** The `settings` area's handlers, built beside the settings they keep. */
  settings: Handlers['settings'];
}

/** Every area of the contract, each answered by the handlers beside its service. */
export function createHandlers(services: HandlerServices): Handlers {
  const { session, security, subscriptions, thisComputer, devices, settings } = services;
  return {
    ...createAppHandlers(services),
    ...createAuthHandlers(session, () => thisComputer.signedOut()),
    ...createAccountHandlers(session),
    ...createSecurityHandlers(security),
    ...createSubscriptionsHandlers(subscriptions),
    ...createThisComputerHandlers(thisComputer),
    ...createDevicesHandlers(devices),
    settings,
  };
}
