import { afterAll, describe, expect, it } from 'vitest';
import type { Device } from '../../../shared/api/devices';
import type { Subscription } from '../../../shared/api/subscriptions';
import type { ThisComputerState } from '../../../shared/contract/this-computer';
import { useService } from '../../support/use-service';
import { client, confirmedAccount } from '../server/http';
import { mintKeys } from '../protection/protection-fixture';
import { type Desktop, startDesktop } from './desktop';

const desktops: Desktop[] = [];

const { service, smtp } = useService();
afterAll(async () => {
  for (const desktop of desktops) desktop.stop();
});

function desktop(seed: string): Desktop {
  const started = startDesktop(service.url, seed);
  desktops.push(started);
  return started;
}

async function signedIn(d: Desktop, account: { email: string; password: string }) {
  expect(await d.value('auth.signIn', { email: account.email, password: account.password })).toMatchObject({ status: 'signedIn' });
}

describe('protecting this computer, and moving protection to a new one', () => {
  it('register → protected; a second machine on a 1-seat plan hits the limit, moves protection, and the first learns it was removed', async () => {
    const account = await confirmedAccount(client(service.url), smtp, 'move');
    const [key] = await mintKeys(service.services.db, 'essentials');

    // The old computer: activate the key as a person would type it, then register.
    const oldPc = desktop('old-computer');
    await signedIn(oldPc, account);
    expect(await oldPc.value<ThisComputerState>('thisComputer.status')).toMatchObject({ state: 'unregistered' });
    const typed = key!.toLowerCase().replace(/(.{5})(?!$)/g, '$1-');
    const subscription = await oldPc.value<Subscription>('subscriptions.activate', { productKey: typed });
    expect(subscription).toMatchObject({ plan: 'essentials', seats: 1, seatsUsed: 0 });

    const protectedOld = await oldPc.value<ThisComputerState>('thisComputer.register', {});
    expect(protectedOld).toMatchObject({ state: 'protected', offline: false, licenceKeyChanged: false, protectedUntil: subscription.expiresAt });
    expect(protectedOld.device).toMatchObject({ status: 'active', platform: 'linux', subscriptionId: subscription.id });
    expect(oldPc.pushed.at(-1)).toMatchObject({ state: 'protected' });
    const oldId = protectedOld.device!.id;
    // Registering the same machine again keeps its device (and its seat).
    expect((await oldPc.value<ThisComputerState>('thisComputer.register', {})).device?.id).toBe(oldId);
    expect((await oldPc.value<Subscription[]>('subscriptions.list'))[0]).toMatchObject({ seatsUsed: 1 });

    // The new computer: the plan is full; the error names the device it could free.
    const newPc = desktop('new-computer');
    await signedIn(newPc, account);
    const full = await newPc.call('thisComputer.register', {});
    expect(full).toMatchObject({ ok: false, error: { code: 'SEAT_LIMIT_REACHED' } });
    const offered = (full.ok ? [] : full.error.details?.devices) as Device[];
    expect(offered.map((d) => d.id)).toEqual([oldId]);

    const moved = await newPc.value<ThisComputerState>('thisComputer.moveFrom', { deviceId: oldId });
    expect(moved).toMatchObject({ state: 'protected', protectedUntil: subscription.expiresAt });
    const newId = moved.device!.id;
    expect(newId).not.toBe(oldId);
    const listed = await newPc.value<{ devices: Device[]; thisDeviceId: string | null }>('devices.list');
    expect(listed.thisDeviceId).toBe(newId);
    expect(Object.fromEntries(listed.devices.map((d) => [d.id, d.status]))).toEqual({ [newId]: 'active', [oldId]: 'deactivated' });

    // The old computer's next heartbeat: removed, with the date the service recorded.
    const before = Date.now();
    const removed = await oldPc.value<ThisComputerState>('thisComputer.check');
    expect(removed).toMatchObject({ state: 'removed', protectedUntil: null, device: { id: oldId, status: 'deactivated' } });
    expect(Date.parse(removed.removedAt!)).toBeLessThanOrEqual(before);
    expect(Date.now() - Date.parse(removed.removedAt!)).toBeLessThan(60_000);
    expect(oldPc.pushed.at(-1)).toMatchObject({ state: 'removed', removedAt: removed.removedAt });

    // Re-registering is offered, and the plan is still full, so it says so with the new computer listed.
    const again = await oldPc.call('thisComputer.register', {});
    expect(again).toMatchObject({ ok: false, error: { code: 'SEAT_LIMIT_REACHED', details: { devices: [{ id: newId }] } } });
  });

  it('a malformed key fails here with its reason; a device name the service would refuse is refused here', async () => {
    const account = await confirmedAccount(client(service.url), smtp, 'badkey');
    const pc = desktop('bad-key-computer');
    await signedIn(pc, account);
    expect(await pc.call('subscriptions.activate', { productKey: 'ABCDE-FGHJK' })).toMatchObject({
      ok: false,
      error: { code: 'KEY_MALFORMED', details: { reason: 'length' } },
    });
    expect(await pc.call('thisComputer.register', { name: 'bad\u0000name' })).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT' } });
  });

  it('signing out forgets the device here; signing in again and registering gets the same device back', async () => {
    const account = await confirmedAccount(client(service.url), smtp, 'again');
    const [key] = await mintKeys(service.services.db, 'family');
    const pc = desktop('signing-out-computer');
    await signedIn(pc, account);
    await pc.value('subscriptions.activate', { productKey: key });
    const first = await pc.value<ThisComputerState>('thisComputer.register', { name: 'Study laptop' });
    expect(first.device?.name).toBe('Study laptop');

    await pc.value('auth.signOut');
    expect(await pc.value<ThisComputerState>('thisComputer.status')).toMatchObject({ state: 'signedOut', device: null });
    await signedIn(pc, account);
    expect(await pc.value<ThisComputerState>('thisComputer.status')).toMatchObject({ state: 'unregistered' });
    const back = await pc.value<ThisComputerState>('thisComputer.register', {});
    expect(back.device?.id).toBe(first.device?.id);
    expect((await pc.value<Subscription[]>('subscriptions.list'))[0]).toMatchObject({ seatsUsed: 1 });
  });

  it('an invitation link opened on the new computer is spent once, through the app', async () => {
    const account = await confirmedAccount(client(service.url), smtp, 'invite');
    const inviter = desktop('inviting-computer');
    await signedIn(inviter, account);
    const { link } = await inviter.value<{ link: string }>('devices.invite', { platform: 'macos' });
    const token = new URL(link).searchParams.get('token');
    expect(token).toBeTruthy();

    const invited = desktop('invited-computer');
    await signedIn(invited, account);
    expect(await invited.value('devices.acceptInvitation', { token })).toEqual({ platform: 'macos' });
    const again = await invited.call('devices.acceptInvitation', { token });
    expect(again).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
    const malformed = await invited.call('devices.acceptInvitation', { token: 'not a token' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT' } });
  });
});
