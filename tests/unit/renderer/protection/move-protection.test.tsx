// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { device, protectedState, resetProtectionStoreBeforeEach } from './fixtures';

resetProtectionStoreBeforeEach();

describe('Move protection to this computer', () => {
  it('offers the other active devices, confirms naming both machines, moves in one call and says so', async () => {
    const old = device('Old desktop', { platform: 'windows' });
    const phone = device('Sam’s phone', { platform: 'android' });
    const gone = device('Sold laptop', { status: 'deactivated' });
    const moved = protectedState(device('alex-laptop'));
    const fake = createFakeApi(
      {
        devices: { list: async () => ok({ devices: [old, phone, gone], thisDeviceId: null }) },
        thisComputer: { moveFrom: async () => ok(moved) },
      },
      signedIn,
    );
    const { user } = renderApp(fake.api, '/devices/move-here');

    const group = await screen.findByRole('group', { name: 'Move protection from' }, { timeout: 5000 });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual([old.id, phone.id]);

    // Nothing chosen yet: say so, call nothing.
    await user.click(screen.getByRole('button', { name: 'Move protection here' }));
    expect(screen.getByText('Choose the device to move protection from.')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    await user.click(within(group).getByRole('radio', { name: /Old desktop/ }));
    await user.click(screen.getByRole('button', { name: 'Move protection here' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Move protection from Old desktop to alex-laptop?' });
    expect(dialog).toHaveAccessibleDescription(
      'Old desktop will no longer be protected, and this computer, alex-laptop, will take its seat.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Move protection' }));

    const result = await screen.findByText(/^Protection moved from Old desktop to this computer/);
    expect(result).toHaveAttribute('role', 'status');
    expect(result).toHaveFocus();
    expect(fake.api.thisComputer.moveFrom).toHaveBeenCalledTimes(1);
    expect(fake.api.thisComputer.moveFrom).toHaveBeenCalledWith({ deviceId: old.id });
  });

  it('leaves this computer out of the choices', async () => {
    const here = device('alex-laptop');
    const other = device('Old desktop');
    const fake = createFakeApi(
      {
        devices: { list: async () => ok({ devices: [here, other], thisDeviceId: here.id }) },
        thisComputer: { status: async () => ok(protectedState(here)) },
      },
      signedIn,
    );
    renderApp(fake.api, '/devices/move-here');
    const group = await screen.findByRole('group', { name: 'Move protection from' }, { timeout: 5000 });
    expect(within(group).getAllByRole('radio')).toHaveLength(1);
    expect(within(group).getByRole('radio', { name: /Old desktop/ })).toBeInTheDocument();
  });
});
