import type { Device, DevicePlatform } from '../../../shared/api/devices';
import { AppFailure } from '../../../shared/errors';
import type { DevicesApi, Invitation } from '../api/devices-api';
import type { AppEvents } from '../events/app-events';

export interface AccountDevicesService {
  list(): Promise<{ devices: Device[]; thisDeviceId: string | null }>;
  rename(id: string, name: string): Promise<Device>;
  deactivate(id: string): Promise<void>;
  /**
   * Takes a deactivated device off the list (no seat changes). The service's DELETE would
   * deactivate an active one instead, so an active device is refused here.
   */
  forget(id: string): Promise<void>;
  invite(input: { platform: DevicePlatform; email?: string | undefined }): Promise<Invitation>;
  /** Spends an invitation opened on this computer; the screen then offers to register it. */
  acceptInvitation(token: string): Promise<{ platform: DevicePlatform }>;
}

const stillActive = () =>
  new AppFailure({ code: 'CONFLICT', message: 'Deactivate this device before taking it off the list.' });

export interface AccountDevicesOptions {
  /** This computer's own device id on the account, so the list can point it out. */
  thisDeviceId: () => string | null;
  /** Where it says what it learned (`devices.listed`, `devices.updated`, `devices.deactivated`): this computer keeps in step. */
  events: AppEvents;
}

/** The account's devices; every answer about one is published, so this computer's own stays in step. */
export function createAccountDevicesService(
  api: DevicesApi,
  { thisDeviceId, events }: AccountDevicesOptions,
): AccountDevicesService {
  return {
    async list() {
      const devices = await api.list();
      const mine = thisDeviceId();
      const listed = devices.find((d) => d.id === mine);
      if (listed) events.emit('devices.listed', { device: listed });
      return { devices, thisDeviceId: mine };
    },
    async rename(id, name) {
      const device = await api.rename(id, name);
      events.emit('devices.updated', { device });
      return device;
    },
    async deactivate(id) {
      await api.deactivate(id);
      events.emit('devices.deactivated', { id });
    },
    async forget(id) {
      const device = (await api.list()).find((d) => d.id === id);
      if (!device) return; // already gone: forgetting it again changes nothing
      if (device.status === 'active') throw stillActive();
      await api.deactivate(id);
    },
    invite: ({ platform, email }) => api.invite({ platform, ...(email ? { email } : {}) }),
    acceptInvitation: (token) => api.acceptInvitation(token),
  };
}
