import { seatLimitDetailsSchema, type Device } from '../../../shared/api/devices';
import type { ThisComputerShares, ThisComputerState } from '../../../shared/contract/this-computer';
import type { PalisadeApi } from '../../../shared/contract/types';
import type { AppError, Result } from '../../../shared/errors';
import { settle } from '../api/settle';
import { useInvitationStore } from '../stores/invitation-store';
import { refreshProtection, useProtectionStore } from '../stores/protection-store';

/** A new seat changes the seat counts and the device list too. */
const afterSeatChange = (api: PalisadeApi) => void refreshProtection(api, ['devices', 'subscriptions']);

/** Gives this computer a seat, under `name`, on `subscriptionId` (or the one the service picks). */
export async function registerThisComputer(
  api: PalisadeApi,
  input: { name: string; subscriptionId?: string | undefined },
): Promise<Result<ThisComputerState>> {
  const result = await settle(() =>
    api.thisComputer.register({
      name: input.name,
      ...(input.subscriptionId !== undefined && { subscriptionId: input.subscriptionId }),
    }),
  );
  if (result.ok) {
    useProtectionStore.getState().thisComputerChanged(result.value);
    afterSeatChange(api);
  }
  return result;
}

/**
 * The full plan's devices a `SEAT_LIMIT_REACHED` answer carries, in the order the service
 * sent them (the ones likeliest to free first); null for any other error.
 */
export function seatLimitDevices(error: AppError): Device[] | null {
  if (error.code !== 'SEAT_LIMIT_REACHED') return null;
  const details = seatLimitDetailsSchema.safeParse(error.details);
  return details.success ? details.data.devices : [];
}

/** Moves protection from `from` to this computer in one step. */
export async function moveProtectionHere(api: PalisadeApi, from: Device): Promise<Result<ThisComputerState>> {
  const result = await settle(() => api.thisComputer.moveFrom({ deviceId: from.id }));
  if (result.ok) {
    useProtectionStore.getState().thisComputerChanged(result.value);
    afterSeatChange(api);
  }
  return result;
}

/** Asks the service about this computer now, instead of at the next 6-hourly check. */
export async function checkThisComputer(api: PalisadeApi): Promise<Result<ThisComputerState>> {
  const result = await settle(() => api.thisComputer.check({}));
  if (result.ok) useProtectionStore.getState().thisComputerChanged(result.value);
  return result;
}

/** What this computer sends: component kinds and their hashes, its name, OS and app version. */
export function readWhatThisComputerShares(api: PalisadeApi): Promise<Result<ThisComputerShares>> {
  return settle(() => api.thisComputer.shares({}));
}

/**
 * Holds an invitation for This computer to spend: one opened with `palisade://install`, or
 * pasted into "I have an invitation link". Both then go to This computer.
 */
export function openInvitation(token: string): void {
  useInvitationStore.getState().open(token);
}

/**
 * Spends the invitation this computer was opened with, once; null when there is none
 * (or it was already taken by an earlier call).
 */
export async function acceptPendingInvitation(
  api: PalisadeApi,
): Promise<Result<{ platform: Device['platform'] }> | null> {
  const token = useInvitationStore.getState().take();
  if (token === null) return null;
  return settle(() => api.devices.acceptInvitation({ token }));
}

/** Loads this computer's state again after a failed load. */
export function reloadThisComputer(api: PalisadeApi): Promise<void> {
  return refreshProtection(api, ['thisComputer']);
}
