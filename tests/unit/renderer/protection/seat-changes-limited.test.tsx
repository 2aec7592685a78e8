// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Device } from '../../../../shared/api/devices';
import { useLanguageStore } from '../../../../renderer/src/i18n/language-store';
import { createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { daysFromNow, device, englishDateTime, resetProtectionStoreBeforeEach } from './fixtures';
import { defaultSettings } from '../../../../shared/contract/settings';

resetProtectionStoreBeforeEach();
afterEach(() => useLanguageStore.getState().chose('system'));

/** `429 SEAT_CHANGES_LIMITED` as the main process passes it on from the service. */
const limited = (retryAt: string) =>
  failure('SEAT_CHANGES_LIMITED', {
    retryAfterSeconds: 3600,
    details: { subscriptionId: 's1', limit: 2, windowDays: 30, retryAt, retryAfterSeconds: 3600 },
  });

function openDevices(devices: Device[], overrides: Parameters<typeof createFakeApi>[0] = {}) {
  const fake = createFakeApi({ ...overrides, devices: { list: async () => ok({ devices, thisDeviceId: null }), ...overrides.devices } }, signedIn);
  return { ...fake, ...renderApp(fake.api, '/devices') };
}

describe('the seat-change limit', () => {
  it('says how many changes the plan allows in 30 days and from when, where a device is deactivated', async () => {
    const phone = device('Sam’s phone');
    const retryAt = daysFromNow(12);
    const { user, api } = openDevices([phone], { devices: { deactivate: async () => limited(retryAt) } });
    const list = await screen.findByRole('list', { name: 'Devices' }, { timeout: 5000 });
    await user.click(within(list).getByRole('button', { name: 'Deactivate Sam’s phone' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate Sam’s phone?' });
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate Sam’s phone' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('allows 2 device changes (deactivating a device or moving its protection) in 30 days');
    expect(alert).toHaveTextContent(`You can do it again from ${englishDateTime(retryAt)}.`);
    expect(api.devices.deactivate).toHaveBeenCalledTimes(1);
    // Nothing changed: the device is still active.
    expect(within(list).getByRole('button', { name: 'Deactivate Sam’s phone' })).toBeInTheDocument();
  });

  it('says it where protection is moved to this computer', async () => {
    const old = device('Old desktop');
    const retryAt = daysFromNow(3);
    const fake = createFakeApi(
      {
        devices: { list: async () => ok({ devices: [old], thisDeviceId: null }) },
        thisComputer: { moveFrom: async () => limited(retryAt) },
      },
      signedIn,
    );
    const { user } = renderApp(fake.api, '/devices/move-here');
    const group = await screen.findByRole('group', { name: 'Move protection from' }, { timeout: 5000 });
    await user.click(within(group).getByRole('radio', { name: /Old desktop/ }));
    await user.click(screen.getByRole('button', { name: 'Move protection here' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Move protection from Old desktop to alex-laptop?' });
    await user.click(within(dialog).getByRole('button', { name: 'Move protection' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('allows 2 device changes');
    expect(alert).toHaveTextContent(`You can do it again from ${englishDateTime(retryAt)}.`);
    expect(fake.api.thisComputer.moveFrom).toHaveBeenCalledTimes(1);
  });

  it('says it in German, with the date as German readers write it', async () => {
    const phone = device('Sams Telefon');
    const retryAt = '2027-03-12T14:05:00.000Z';
    const { user } = openDevices([phone], {
      settings: { get: async () => ok({ ...defaultSettings, language: 'de' as const }) },
      devices: { deactivate: async () => limited(retryAt) },
    });
    useLanguageStore.getState().chose('de');
    const list = await screen.findByRole('list', { name: 'Geräte' }, { timeout: 5000 });
    await user.click(within(list).getByRole('button', { name: 'Sams Telefon deaktivieren' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Sams Telefon deaktivieren?' });
    await user.click(within(dialog).getByRole('button', { name: 'Sams Telefon deaktivieren' }));
    const alert = await within(dialog).findByRole('alert');
    const date = new Intl.DateTimeFormat('de', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(retryAt));
    expect(alert).toHaveTextContent(`erlaubt in 30 Tagen 2 Änderungen an Geräten`);
    expect(alert).toHaveTextContent(`Ab ${date} ist es wieder möglich.`);
  });
});
