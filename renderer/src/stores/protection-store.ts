import { useEffect } from 'react';
import { create } from 'zustand';
import type { Device } from '../../../shared/api/devices';
import type { Subscription } from '../../../shared/api/subscriptions';
import type { ThisComputerState } from '../../../shared/contract/this-computer';
import type { PalisadeApi } from '../../../shared/contract/types';
import type { AppError } from '../../../shared/errors';
import { settle } from '../api/settle';
import { selectUser, useSessionStore } from './session-store';

/** The three things the protection screens show, each loaded on its own. */
export type ProtectionPart = 'thisComputer' | 'subscriptions' | 'devices';
export const allProtectionParts: readonly ProtectionPart[] = ['thisComputer', 'subscriptions', 'devices'];

interface ProtectionData {
  /** Whose data this is: a different person signing in must not see the last one's devices. */
  userId: string | null;
  thisComputer: ThisComputerState | null;
  subscriptions: Subscription[] | null;
  devices: Device[] | null;
  thisDeviceId: string | null;
  /** The last load's error per part (the previous data, if any, is kept and still shown). */
  errors: Record<ProtectionPart, AppError | null>;
}

interface ProtectionStore extends ProtectionData {
  reset(userId: string | null): void;
  thisComputerChanged(state: ThisComputerState): void;
  deviceChanged(device: Device): void;
}

const empty = (userId: string | null): ProtectionData => ({
  userId,
  thisComputer: null,
  subscriptions: null,
  devices: null,
  thisDeviceId: null,
  errors: { thisComputer: null, subscriptions: null, devices: null },
});

export const useProtectionStore = create<ProtectionStore>()((set) => ({
  ...empty(null),
  reset: (userId) => set(empty(userId)),
  thisComputerChanged: (thisComputer) =>
    set((s) => ({
      thisComputer,
      // The main process knows this computer's device before the next devices.list does.
      thisDeviceId: thisComputer.device?.id ?? s.thisDeviceId,
      errors: { ...s.errors, thisComputer: null },
    })),
  deviceChanged: (device) =>
    set((s) => ({ devices: s.devices?.map((d) => (d.id === device.id ? device : d)) ?? null })),
}));

/**
 * Answers can arrive out of order (a slow list after a fast one started later); only the
 * newest request per part may write.
 */
const latest: Record<ProtectionPart, number> = { thisComputer: 0, subscriptions: 0, devices: 0 };

/** Asks the main process again for the given parts, in parallel. */
export async function refreshProtection(
  api: PalisadeApi,
  parts: readonly ProtectionPart[] = allProtectionParts,
): Promise<void> {
  await Promise.all(parts.map((part) => refreshPart(api, part)));
}

async function refreshPart(api: PalisadeApi, part: ProtectionPart): Promise<void> {
  const ticket = ++latest[part];
  const userId = useProtectionStore.getState().userId;
  const isCurrent = () => ticket === latest[part] && useProtectionStore.getState().userId === userId;
  const fail = (error: AppError) => useProtectionStore.setState((s) => ({ errors: { ...s.errors, [part]: error } }));

  if (part === 'thisComputer') {
    const result = await settle(() => api.thisComputer.status({}));
    if (!isCurrent()) return;
    if (result.ok) useProtectionStore.getState().thisComputerChanged(result.value);
    else fail(result.error);
  } else if (part === 'subscriptions') {
    const result = await settle(() => api.subscriptions.list({}));
    if (!isCurrent()) return;
    if (result.ok)
      useProtectionStore.setState((s) => ({
        subscriptions: result.value,
        errors: { ...s.errors, subscriptions: null },
      }));
    else fail(result.error);
  } else {
    const result = await settle(() => api.devices.list({}));
    if (!isCurrent()) return;
    if (result.ok) {
      const { devices, thisDeviceId } = result.value;
      useProtectionStore.setState((s) => ({ devices, thisDeviceId, errors: { ...s.errors, devices: null } }));
    } else fail(result.error);
  }
}

/**
 * Keeps the store fed while a protection screen is on show: loads the parts it needs and
 * follows `thisComputer.changed`. A change of this computer's state can change seat counts
 * and the device list too, so those are asked for again.
 */
export function useProtectionFeed(api: PalisadeApi, parts: readonly ProtectionPart[]): void {
  const userId = useSessionStore(selectUser)?.id ?? null;
  const key = parts.join(',');

  useEffect(() => {
    if (useProtectionStore.getState().userId !== userId) useProtectionStore.getState().reset(userId);
    void refreshProtection(api, key.split(',') as ProtectionPart[]);
    return api.on('thisComputer.changed', (state) => {
      const before = useProtectionStore.getState().thisComputer;
      useProtectionStore.getState().thisComputerChanged(state);
      // Only a change of seat matters to the lists. A mere "checked again" must not ask for
      // them: listing devices can itself trigger a check, which would then loop.
      if (!before || seatKey(before) !== seatKey(state)) void refreshProtection(api, ['subscriptions', 'devices']);
    });
  }, [api, userId, key]);
}

/** What about this computer's seat can change the device list and seat counts. */
const seatKey = (s: ThisComputerState): string =>
  [s.state, s.device?.id, s.device?.status, s.device?.subscriptionId, s.device?.name].join('|');
