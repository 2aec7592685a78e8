import type { Handlers } from '../../../shared/contract/types';
import type { AccountDevicesService } from './devices-service';

/** The `devices` area of the contract: the account's device list. */
export function createDevicesHandlers(devices: AccountDevicesService): Pick<Handlers, 'devices'> {
  return {
    devices: {
      list: () => devices.list(),
      rename: ({ id, name }) => devices.rename(id, name),
      deactivate: async ({ id }) => {
        await devices.deactivate(id);
        return null;
      },
      forget: async ({ id }) => {
        await devices.forget(id);
        return null;
      },
      invite: (input) => devices.invite(input),
      acceptInvitation: ({ token }) => devices.acceptInvitation(token),
    },
  };
}
