import { describe, expect, it } from 'vitest';
import { deactivateDevice, renameDevice } from '../../../../renderer/src/actions/devices-actions';
import { activateProductKey } from '../../../../renderer/src/actions/subscriptions-actions';
import {
  acceptPendingInvitation,
  registerThisComputer,
  seatLimitDevices,
} from '../../../../renderer/src/actions/this-computer-actions';
import { useInvitationStore } from '../../../../renderer/src/stores/invitation-store';
import { useProtectionStore } from '../../../../renderer/src/stores/protection-store';
import { createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { daysFromNow, device, protectedState, resetProtectionStoreBeforeEach, subscription } from './fixtures';

resetProtectionStoreBeforeEach();

/** Lets the refreshes an action started in the background finish. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('protection actions', () => {
  it('deactivating shows the device deactivated at once and asks for the lists again, this computer too when it was this one', async () => {
    const laptop = device('Alex’s laptop');
    const phone = device('Sam’s phone');
    const { api } = createFakeApi(
      { devices: { list: async () => ok({ devices: [laptop, phone], thisDeviceId: laptop.id }) } },
      signedIn,
    );
    useProtectionStore.setState({ devices: [laptop, phone], thisDeviceId: laptop.id });

    expect(await deactivateDevice(api, phone)).toEqual({ ok: true, value: undefined });
    expect(useProtectionStore.getState().devices?.find((d) => d.id === phone.id)?.status).toBe('deactivated');
    expect(api.devices.deactivate).toHaveBeenCalledWith({ id: phone.id });
    expect(api.subscriptions.list).toHaveBeenCalledTimes(1);
    expect(api.thisComputer.status).not.toHaveBeenCalled();
    await settled();

    await deactivateDevice(api, laptop);
    expect(api.thisComputer.status).toHaveBeenCalledTimes(1);
  });

  it('leaves the store alone and hands back the error when the main process refuses', async () => {
    const phone = device('Sam’s phone');
    const { api } = createFakeApi({ devices: { deactivate: async () => failure('NETWORK_OFFLINE') } }, signedIn);
    useProtectionStore.setState({ devices: [phone] });

    const result = await deactivateDevice(api, phone);
    expect(result.ok ? null : result.error.code).toBe('NETWORK_OFFLINE');
    expect(useProtectionStore.getState().devices).toEqual([phone]);
    expect(api.devices.list).not.toHaveBeenCalled();
  });

  it('renaming puts the service’s answer in the list', async () => {
    const desk = device('Desk PC');
    const { api } = createFakeApi(
      {
        devices: {
          rename: async ({ id, name }: { id: string; name: string }) => ok({ ...desk, id, name: name.trim() }),
        },
      },
      signedIn,
    );
    useProtectionStore.setState({ devices: [desk] });
    const result = await renameDevice(api, desk, 'Study PC');
    expect(result.ok && result.value.name).toBe('Study PC');
    expect(useProtectionStore.getState().devices?.[0]?.name).toBe('Study PC');
  });

  it('registering stores this computer’s new state and its device', async () => {
    const laptop = device('alex-laptop');
    const state = protectedState(laptop);
    const { api } = createFakeApi({ thisComputer: { register: async () => ok(state) } }, signedIn);
    await registerThisComputer(api, { name: 'alex-laptop', subscriptionId: 'sub-family' });
    expect(api.thisComputer.register).toHaveBeenCalledWith({ name: 'alex-laptop', subscriptionId: 'sub-family' });
    expect(useProtectionStore.getState().thisComputer).toEqual(state);
    expect(useProtectionStore.getState().thisDeviceId).toBe(laptop.id);
  });

  it('keeps the seat-limit devices in the order the service sent them', () => {
    const recent = device('Recent', { lastSeenAt: daysFromNow(-1) });
    const old = device('Old', { lastSeenAt: daysFromNow(-300) });
    expect(seatLimitDevices({ code: 'SEAT_LIMIT_REACHED', message: '', details: { devices: [recent, old] } })).toEqual([
      recent,
      old,
    ]);
    expect(seatLimitDevices({ code: 'NETWORK_OFFLINE', message: '' })).toBeNull();
  });

  it('activating a key asks for the subscriptions again', async () => {
    const added = subscription({ id: 'sub-new' });
    const { api } = createFakeApi({ subscriptions: { activate: async () => ok(added) } }, signedIn);
    const result = await activateProductKey(api, 'ABCDE-FGHJK-MNPQR-STVWX');
    expect(result).toEqual({ ok: true, value: added });
    expect(api.subscriptions.list).toHaveBeenCalledTimes(1);
  });

  it('spends a pending invitation once', async () => {
    const { api } = createFakeApi({}, signedIn);
    useInvitationStore.getState().open('token-1');
    expect(await acceptPendingInvitation(api)).toEqual({ ok: true, value: { platform: 'windows' } });
    expect(await acceptPendingInvitation(api)).toBeNull();
    expect(api.devices.acceptInvitation).toHaveBeenCalledTimes(1);
  });
});
