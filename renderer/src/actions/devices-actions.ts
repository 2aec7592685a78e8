import type { Device, DevicePlatform } from '../../../shared/api/devices';
import type { OutputOf, PalisadeApi } from '../../../shared/contract/types';
import type { Result } from '../../../shared/errors';
import { settle } from '../api/settle';
import { refreshProtection, useProtectionStore, type ProtectionPart } from '../stores/protection-store';

/** Gives a device a new name; the list shows it at once. */
export async function renameDevice(api: PalisadeApi, device: Device, name: string): Promise<Result<Device>> {
  const result = await settle(() => api.devices.rename({ id: device.id, name }));
  if (result.ok) useProtectionStore.getState().deviceChanged(result.value);
  return result;
}

/**
 * Deactivates a device: it is no longer protected and its seat is free. The list shows it
 * at once; seat counts (and this computer, when it was this one) are asked for again.
 */
export async function deactivateDevice(api: PalisadeApi, device: Device): Promise<Result<void>> {
  const result = await settle(() => api.devices.deactivate({ id: device.id }));
  if (!result.ok) return result;
  useProtectionStore.getState().deviceChanged({ ...device, status: 'deactivated' });
  const parts: ProtectionPart[] = ['devices', 'subscriptions'];
  if (device.id === useProtectionStore.getState().thisDeviceId) parts.push('thisComputer');
  void refreshProtection(api, parts);
  return { ok: true, value: undefined };
}

/**
 * Forgets a deactivated device: it leaves the list. No seat changes, so only the list is
 * asked for again.
 */
export async function forgetDevice(api: PalisadeApi, device: Device): Promise<Result<void>> {
  const result = await settle(() => api.devices.forget({ id: device.id }));
  if (!result.ok) return result;
  useProtectionStore.setState((s) => ({ devices: s.devices?.filter((d) => d.id !== device.id) ?? null }));
  void refreshProtection(api, ['devices']);
  return { ok: true, value: undefined };
}

export type Invitation = OutputOf<'devices', 'invite'>;

/** A link that installs Palisade on another device: e-mailed when `email` is given, otherwise shown here. */
export function inviteDevice(
  api: PalisadeApi,
  input: { platform: DevicePlatform; email?: string },
): Promise<Result<Invitation>> {
  return settle(() => api.devices.invite(input));
}

/** Loads the given parts again after a failed load (the device list by default). */
export function reloadDevices(api: PalisadeApi, parts: readonly ProtectionPart[] = ['devices']): Promise<void> {
  return refreshProtection(api, parts);
}

/** The devices on one subscription that hold a seat, in the order the list came in. */
export function devicesHoldingSeats(devices: readonly Device[], subscriptionId: string): Device[] {
  return devices.filter((d) => d.status === 'active' && d.subscriptionId === subscriptionId);
}
