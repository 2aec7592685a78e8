import { afterAll, describe, expect, it } from 'vitest';
import type { Device } from '../../../shared/api/devices';
import type { ThisComputerShares, ThisComputerState } from '../../../shared/contract/this-computer';
import { useService } from '../../support/use-service';
import { client, confirmedAccount } from '../server/http';
import { mintKeys } from '../protection/protection-fixture';
import { type Desktop, startDesktop } from './desktop';

const desktops: Desktop[] = [];
const { service, smtp } = useService();
afterAll(() => desktops.forEach((d) => d.stop()));

const listed = async (d: Desktop) => (await d.value<{ devices: Device[] }>('devices.list')).devices;

describe('forgetting a device, from the app', () => {
  it('never deactivates an active device (the service’s DELETE would); a deactivated one leaves the list, its seat untouched', async () => {
    const account = await confirmedAccount(client(service.url), smtp, 'forget');
    const [key] = await mintKeys(service.services.db, 'essentials');
    const desk = startDesktop(service.url, 'forget-desk');
    desktops.push(desk);
    await desk.value('auth.signIn', { email: account.email, password: account.password });
    await desk.value('subscriptions.activate', { productKey: key });
    const { device } = await desk.value<ThisComputerState>('thisComputer.register', { name: 'Study PC' });

    // Forget on an active device is refused, and it stays protected.
    const refused = await desk.call('devices.forget', { id: device!.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await listed(desk)).map((d) => [d.id, d.status])).toEqual([[device!.id, 'active']]);

    await desk.value('devices.deactivate', { id: device!.id });
    expect((await listed(desk))[0]).toMatchObject({ id: device!.id, status: 'deactivated' });
    await desk.value('devices.forget', { id: device!.id });
    expect(await listed(desk)).toEqual([]);
    // Forgetting what is gone already changes nothing.
    expect(await desk.call('devices.forget', { id: device!.id })).toEqual({ ok: true, value: null });
  });

  it('what this computer shares is what registration sends: the name, OS, platform and app version beside the hashes', async () => {
    const account = await confirmedAccount(client(service.url), smtp, 'shares');
    const [key] = await mintKeys(service.services.db, 'essentials');
    const desk = startDesktop(service.url, 'shares-desk');
    desktops.push(desk);
    await desk.value('auth.signIn', { email: account.email, password: account.password });
    await desk.value('subscriptions.activate', { productKey: key });
    const { device } = await desk.value<ThisComputerState>('thisComputer.register', { name: 'Shared PC' });
    const shares = await desk.value<ThisComputerShares>('thisComputer.shares');
    expect(shares).toMatchObject({ name: 'Shared PC', os: device!.os, platform: device!.platform, appVersion: '0.1.0' });
    expect(shares.components.length).toBeGreaterThan(0);
  });
});
