import type { Handlers } from '../../../shared/contract/types';
import type { AccountDevicesService } from './account-devices';
import type { SubscriptionsService } from './product-activation';
import type { ThisComputerService } from './this-computer-service';

export interface ProtectionServices {
  subscriptions: SubscriptionsService;
  thisComputer: ThisComputerService;
  devices: AccountDevicesService;
}

/** The issue-3 channels of the contract (shared/contract/protection.ts). */
export function createProtectionHandlers({ subscriptions, thisComputer, devices }: ProtectionServices): Pick<Handlers, 'subscriptions' | 'thisComputer' | 'devices'> {
  return {
    subscriptions: {
      list: () => subscriptions.list(),
      activate: ({ productKey }) => subscriptions.activate(productKey),
    },
    thisComputer: {
      status: () => thisComputer.status(),
      register: (input) => thisComputer.register(input),
      moveFrom: ({ deviceId }) => thisComputer.moveFrom(deviceId),
      check: () => thisComputer.check(),
      shares: () => thisComputer.shares(),
    },
    devices: {
      list: () => devices.list(),
      rename: ({ id, name }) => devices.rename(id, name),
      deactivate: async ({ id }) => {
        await devices.deactivate(id);
        return null;
      },
      invite: (input) => devices.invite(input),
      acceptInvitation: ({ token }) => devices.acceptInvitation(token),
    },
  };
}
