import type { Device, DevicePlatform } from '../../../shared/api/devices';
import type { DevicesApi, Invitation } from '../api/devices-api';
import type { ThisComputerService } from './this-computer-service';

export interface AccountDevicesService {
  list(): Promise<{ devices: Device[]; thisDeviceId: string | null }>;
  rename(id: string, name: string): Promise<Device>;
  deactivate(id: string): Promise<void>;
  invite(input: { platform: DevicePlatform; email?: string | undefined }): Promise<Invitation>;
  /** Spends an invitation opened on this computer; the screen then offers to register it. */
  acceptInvitation(token: string): Promise<{ platform: DevicePlatform }>;
}

/** The account's devices, with this computer's own kept in step when one of these calls touches it. */
export function createAccountDevicesService(api: DevicesApi, thisComputer: ThisComputerService): AccountDevicesService {
  return {
    async list() {
      const devices = await api.list();
      const thisDeviceId = thisComputer.thisDeviceId();
      const mine = devices.find((d) => d.id === thisDeviceId);
      if (mine) thisComputer.deviceListed(mine);
      return { devices, thisDeviceId };
    },
    async rename(id, name) {
      const device = await api.rename(id, name);
      thisComputer.deviceUpdated(device);
      return device;
    },
    async deactivate(id) {
      await api.deactivate(id);
      thisComputer.deviceDeactivated(id);
    },
    invite: ({ platform, email }) => api.invite({ platform, ...(email ? { email } : {}) }),
    acceptInvitation: (token) => api.acceptInvitation(token),
  };
}
