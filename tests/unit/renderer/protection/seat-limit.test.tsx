// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Device } from '../../../../shared/api/devices';
import { createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import {
  daysFromNow,
  device,
  englishDate,
  protectedState,
  resetProtectionStoreBeforeEach,
  subscription,
} from './fixtures';

resetProtectionStoreBeforeEach();

/** A full 2-seat plan: the office PC was last active long ago, the phone yesterday. */
function fullPlan() {
  const phone = device('Sam’s phone', { platform: 'android', lastSeenAt: daysFromNow(-1) });
  const office = device('Old office PC', { lastSeenAt: daysFromNow(-200) });
  const plan = subscription({ seats: 2, seatsUsed: 2 });
  return { phone, office, plan, devices: [phone, office] as Device[] };
}

async function openThisComputer(overrides: Parameters<typeof createFakeApi>[0]) {
  const fake = createFakeApi(overrides, signedIn);
  const view = renderApp(fake.api, '/this-computer');
  const form = await screen.findByRole('form', { name: 'Protect this computer' }, { timeout: 5000 });
  return { ...fake, ...view, form };
}

describe('Seat limit', () => {
  it('lists the plan’s devices in the order the service sent them, deactivates the chosen one after a confirmation, and registers in place', async () => {
    const { plan, office, devices } = fullPlan();
    const registered = protectedState(device('alex-laptop'));
    const register = vi
      .fn()
      .mockResolvedValueOnce(failure('SEAT_LIMIT_REACHED', { details: { devices } }))
      .mockResolvedValueOnce(ok(registered));
    const { api, user, form } = await openThisComputer({
      subscriptions: { list: async () => ok([plan]) },
      thisComputer: { register },
    });

    expect(within(form).getByRole('textbox', { name: 'Name for this computer' })).toHaveValue('alex-laptop');
    await user.click(within(form).getByRole('button', { name: 'Protect this computer' }));

    const section = (await screen.findByRole('heading', { level: 2, name: 'Your plan is full' })).closest(
      'section',
    ) as HTMLElement;
    expect(within(section).getByRole('alert')).toHaveTextContent('Palisade Family already protects 2 of 2 devices.');
    const group = within(section).getByRole('group', {
      name: 'Choose a device to deactivate, so this computer can take its seat',
    });
    const choices = within(group).getAllByRole('radio');
    // The service puts the likeliest to free first; the app does not sort them again.
    expect(choices.map((r) => r.closest('li')?.querySelector('.device-name')?.textContent)).toEqual([
      'Sam’s phone',
      'Old office PC',
    ]);

    await user.click(within(group).getByRole('radio', { name: /Old office PC/ }));
    await user.click(within(section).getByRole('button', { name: 'Deactivate it and protect this computer' }));

    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate Old office PC?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining('Old office PC will no longer be protected'));
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining('this computer, alex-laptop'));
    expect(api.devices.deactivate).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate Old office PC' }));

    expect(api.devices.deactivate).toHaveBeenCalledWith({ id: office.id });
    // Registration carries on by itself, with the same name and no second click.
    expect(
      await screen.findByText(
        `This computer is now protected until ${englishDate(registered.protectedUntil as string)}.`,
      ),
    ).toBeInTheDocument();
    expect(register).toHaveBeenCalledTimes(2);
    expect(register).toHaveBeenLastCalledWith({ name: 'alex-laptop' });
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'This computer is protected' })).toBeInTheDocument();
  });

  it('keeps the plan as it was when the deactivation fails, and says why in the dialog', async () => {
    const { plan, devices } = fullPlan();
    const { api, user, form } = await openThisComputer({
      subscriptions: { list: async () => ok([plan]) },
      thisComputer: { register: async () => failure('SEAT_LIMIT_REACHED', { details: { devices } }) },
      devices: { deactivate: async () => failure('NETWORK_OFFLINE') },
    });
    await user.click(within(form).getByRole('button', { name: 'Protect this computer' }));
    await user.click(await screen.findByRole('radio', { name: /Sam’s phone/ }));
    await user.click(screen.getByRole('button', { name: 'Deactivate it and protect this computer' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate Sam’s phone?' });
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate Sam’s phone' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Palisade can’t reach the internet.');
    expect(api.thisComputer.register).toHaveBeenCalledTimes(1);
  });

  it('moves protection here from the chosen device instead, in one call', async () => {
    const { plan, phone, devices } = fullPlan();
    const moved = protectedState(device('alex-laptop'));
    const { api, user, form } = await openThisComputer({
      subscriptions: { list: async () => ok([plan]) },
      thisComputer: {
        register: async () => failure('SEAT_LIMIT_REACHED', { details: { devices } }),
        moveFrom: async () => ok(moved),
      },
    });
    await user.click(within(form).getByRole('button', { name: 'Protect this computer' }));
    await user.click(await screen.findByRole('radio', { name: /Sam’s phone/ }));
    await user.click(screen.getByRole('button', { name: 'Move protection here instead' }));

    const dialog = screen.getByRole('alertdialog', { name: 'Move protection to alex-laptop?' });
    expect(dialog).toHaveAccessibleDescription(
      expect.stringContaining('Protection moves from Sam’s phone to this computer, alex-laptop'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Move protection' }));

    expect(await screen.findByText('Protection moved from Sam’s phone to this computer.')).toBeInTheDocument();
    expect(api.thisComputer.moveFrom).toHaveBeenCalledTimes(1);
    expect(api.thisComputer.moveFrom).toHaveBeenCalledWith({ deviceId: phone.id });
    expect(api.devices.deactivate).not.toHaveBeenCalled();
  });

  it('is reachable from Devices: "Make room for this computer" deactivates a device and takes its seat', async () => {
    const { plan, office, devices } = fullPlan();
    const registered = protectedState(device('alex-laptop'));
    const { api, user } = await (async () => {
      const fake = createFakeApi(
        {
          subscriptions: { list: async () => ok([plan]) },
          devices: { list: async () => ok({ devices, thisDeviceId: null }) },
          thisComputer: { register: async () => ok(registered) },
        },
        signedIn,
      );
      return { ...fake, ...renderApp(fake.api, '/devices') };
    })();

    await user.click(await screen.findByRole('link', { name: 'Make room for this computer' }, { timeout: 5000 }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Make room for this computer' }, { timeout: 5000 }),
    ).toHaveFocus();
    // The heading comes first; the plan's devices follow once the screen has loaded them.
    expect(
      await screen.findByRole('meter', { name: 'Devices used on Palisade Family' }, { timeout: 5000 }),
    ).toHaveAttribute('aria-valuetext', '2 of 2 devices used');
    await user.click(screen.getByRole('radio', { name: /Old office PC/ }));
    await user.click(screen.getByRole('button', { name: 'Deactivate it and protect this computer' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Deactivate Old office PC' }));

    expect(api.devices.deactivate).toHaveBeenCalledWith({ id: office.id });
    expect(
      await screen.findByText(
        `This computer is now protected until ${englishDate(registered.protectedUntil as string)}.`,
      ),
    ).toBeInTheDocument();
    expect(api.thisComputer.register).toHaveBeenCalledWith({ name: 'alex-laptop', subscriptionId: plan.id });
  });
});
