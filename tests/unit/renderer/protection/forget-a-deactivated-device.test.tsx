// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Device } from '../../../../shared/api/devices';
import { createFakeApi, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { device, resetProtectionStoreBeforeEach } from './fixtures';

resetProtectionStoreBeforeEach();

const row = (list: HTMLElement, name: string) =>
  within(list).getByText(name, { selector: '.device-name' }).closest('[role="listitem"]') as HTMLElement;

async function openDevices(devices: Device[]) {
  let listed = devices;
  const fake = createFakeApi(
    {
      devices: {
        list: async () => ok({ devices: listed, thisDeviceId: null }),
        forget: async ({ id }: { id: string }) => {
          listed = listed.filter((d) => d.id !== id);
          return ok(null);
        },
      },
    },
    signedIn,
  );
  const view = renderApp(fake.api, '/devices');
  const list = await screen.findByRole('list', { name: 'Devices' }, { timeout: 5000 });
  return { ...fake, ...view, list };
}

describe('forgetting a deactivated device', () => {
  it('a deactivated row offers Forget, not Deactivate, and says protecting it again happens on that device', async () => {
    const tablet = device('Old tablet', { platform: 'android', status: 'deactivated' });
    const laptop = device('Alex’s laptop');
    const { list } = await openDevices([laptop, tablet]);

    const old = row(list, 'Old tablet');
    expect(within(old).getByRole('button', { name: 'Forget Old tablet' })).toBeInTheDocument();
    expect(within(old).queryByRole('button', { name: /Deactivate|Reactivate/ })).not.toBeInTheDocument();
    expect(old).toHaveTextContent('to protect it again, open Palisade on it');
    expect(within(row(list, 'Alex’s laptop')).queryByRole('button', { name: /Forget/ })).not.toBeInTheDocument();
  });

  it('asks first, with the safe choice focused; Keep it on the list changes nothing', async () => {
    const tablet = device('Old tablet', { status: 'deactivated' });
    const { list, user, api } = await openDevices([tablet]);

    const forget = within(row(list, 'Old tablet')).getByRole('button', { name: 'Forget Old tablet' });
    await user.click(forget);
    const dialog = screen.getByRole('alertdialog', { name: 'Forget Old tablet?' });
    expect(dialog).toHaveAccessibleDescription(/holds no seat\. Forgetting it only takes it off your list/);
    expect(within(dialog).getByRole('button', { name: 'Keep it on the list' })).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.devices.forget).not.toHaveBeenCalled();
    expect(forget).toHaveFocus();
  });

  it('takes it off the list through the forget call, says so, and moves focus to the next row', async () => {
    const tablet = device('Old tablet', { status: 'deactivated' });
    const phone = device('Sam’s phone');
    const { list, user, api } = await openDevices([tablet, phone]);

    await user.click(within(row(list, 'Old tablet')).getByRole('button', { name: 'Forget Old tablet' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Forget Old tablet' }),
    );

    expect(api.devices.forget).toHaveBeenCalledWith({ id: tablet.id });
    expect(api.devices.deactivate).not.toHaveBeenCalled();
    expect(await screen.findByText('Old tablet is no longer on your list.')).toBeInTheDocument();
    expect(within(list).queryByText('Old tablet')).not.toBeInTheDocument();
    expect(within(row(list, 'Sam’s phone')).getByRole('button', { name: 'Rename Sam’s phone' })).toHaveFocus();
    // No seat changed: the subscriptions are not asked for again.
    expect(api.subscriptions.list).not.toHaveBeenCalled();
  });
});
