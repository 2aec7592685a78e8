// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Device } from '../../../../shared/api/devices';
import { errorSentences } from '../../../../renderer/src/errors/messages';
import { createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { daysFromNow, device, englishDateTime, protectedState, resetProtectionStoreBeforeEach } from './fixtures';

resetProtectionStoreBeforeEach();

async function openDevices(
  devices: Device[],
  thisDeviceId: string | null = null,
  overrides: Parameters<typeof createFakeApi>[0] = {},
) {
  const fake = createFakeApi(
    { ...overrides, devices: { list: async () => ok({ devices, thisDeviceId }), ...overrides.devices } },
    signedIn,
  );
  const view = renderApp(fake.api, '/devices');
  const list = await screen.findByRole('list', { name: 'Devices' }, { timeout: 5000 });
  return { ...fake, ...view, list };
}

const row = (list: HTMLElement, name: string) =>
  within(list).getByText(name, { selector: '.device-name' }).closest('[role="listitem"]') as HTMLElement;

describe('Devices', () => {
  it('shows each device’s platform in words, last seen (exact time on hover), status and the This computer badge', async () => {
    const laptop = device('Alex’s laptop', { platform: 'macos', lastSeenAt: daysFromNow(-3) });
    const old = device('Old tablet', { platform: 'android', status: 'deactivated' });
    const { list } = await openDevices([laptop, old], laptop.id, {
      thisComputer: { status: async () => ok(protectedState(laptop)) },
    });

    const mine = row(list, 'Alex’s laptop');
    expect(mine).toHaveTextContent('This computer');
    expect(mine).toHaveTextContent('macOS');
    expect(mine).toHaveTextContent('Active');
    const seen = within(mine).getByText('3 days ago');
    expect(seen.tagName).toBe('TIME');
    expect(seen).toHaveAttribute('title', englishDateTime(laptop.lastSeenAt));
    expect(mine.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');

    const tablet = row(list, 'Old tablet');
    expect(tablet).toHaveTextContent('Deactivated');
    expect(tablet).not.toHaveTextContent('This computer');
    expect(within(tablet).queryByRole('button', { name: /Deactivate/ })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Manage seats' })).toHaveAttribute('href', '/devices/make-room');
  });

  it('renames inline: Enter saves, Escape cancels, errors stay in the row, focus returns to the button', async () => {
    const desk = device('Desk PC');
    const rename = vi
      .fn()
      .mockResolvedValueOnce(
        failure('VALIDATION_FAILED', {
          details: {
            fields: {
              name: { code: 'too_big', message: 'Too big: expected string to have <=8 characters', maximum: 8 },
            },
          },
        }),
      )
      .mockImplementation(async ({ id, name }: { id: string; name: string }) => ok({ ...desk, id, name }));
    const { user, list, api } = await openDevices([desk], null, { devices: { rename } });

    // Escape cancels and changes nothing.
    await user.click(within(list).getByRole('button', { name: 'Rename Desk PC' }));
    let input = within(list).getByRole('textbox', { name: 'New name for Desk PC' });
    expect(input).toHaveFocus();
    await user.clear(input);
    await user.type(input, 'Nope{Escape}');
    expect(rename).not.toHaveBeenCalled();
    expect(within(list).getByText('Desk PC')).toBeInTheDocument();
    expect(within(list).getByRole('button', { name: 'Rename Desk PC' })).toHaveFocus();

    // A name the schema refuses never reaches the main process.
    await user.keyboard('{Enter}');
    input = within(list).getByRole('textbox', { name: 'New name for Desk PC' });
    await user.clear(input);
    await user.type(input, '   {Enter}');
    expect(input).toHaveAccessibleDescription('Enter a name for this device.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(rename).not.toHaveBeenCalled();

    // The service's refusal is shown in the row, in the app's words; the field stays open.
    await user.clear(input);
    await user.type(input, 'Study PC{Enter}');
    expect(await within(list).findByText('Use at most 8 characters.')).toBeInTheDocument();
    expect(within(list).queryByText(/Too big/)).not.toBeInTheDocument();
    expect(input).toHaveValue('Study PC');

    await user.type(input, ' 2{Enter}');
    expect(rename).toHaveBeenLastCalledWith({ id: desk.id, name: 'Study PC 2' });
    expect(await within(list).findByText('Study PC 2')).toBeInTheDocument();
    expect(within(list).getByRole('button', { name: 'Rename Study PC 2' })).toHaveFocus();
    expect(screen.getByText('Renamed Desk PC to Study PC 2.')).toBeInTheDocument();
    expect(api.devices.rename).toHaveBeenCalledTimes(2);
  }, 20_000);

  it('asks before deactivating, naming the device, in a modal that traps focus, closes on Escape and returns focus', async () => {
    const phone = device('Sam’s phone', { platform: 'ios' });
    // The account as the main process would see it: a deactivation sticks.
    const account = [phone];
    const { user, list, api } = await openDevices(account, null, {
      devices: {
        list: async () => ok({ devices: account.map((d) => ({ ...d })), thisDeviceId: null }),
        deactivate: async ({ id }) => {
          account.forEach((d) => d.id === id && (d.status = 'deactivated'));
          return ok(null);
        },
      },
    });
    const opener = within(list).getByRole('button', { name: 'Deactivate Sam’s phone' });
    await user.click(opener);

    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate Sam’s phone?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining('Sam’s phone will no longer be protected'));
    // The safe choice has focus; Tab and Shift+Tab stay inside.
    const keep = within(dialog).getByRole('button', { name: 'Keep it' });
    const confirm = within(dialog).getByRole('button', { name: 'Deactivate Sam’s phone' });
    expect(keep).toHaveFocus();
    await user.tab();
    expect(confirm).toHaveFocus();
    await user.tab();
    expect(keep).toHaveFocus();
    await user.tab({ shift: true });
    expect(confirm).toHaveFocus();
    // Everything behind it is inert.
    expect(screen.getByRole('main').closest('[inert]')).not.toBeNull();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(api.devices.deactivate).not.toHaveBeenCalled();

    await user.click(opener);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Deactivate Sam’s phone' }));
    expect(api.devices.deactivate).toHaveBeenCalledWith({ id: phone.id });
    expect(await screen.findByText('Sam’s phone was deactivated; its seat is free.')).toBeInTheDocument();
    expect(row(list, 'Sam’s phone')).toHaveTextContent('Deactivated');
    // The Deactivate button is gone with the seat: focus lands on the same row's Rename.
    expect(within(list).getByRole('button', { name: 'Rename Sam’s phone' })).toHaveFocus();
  });

  it('renders only a window of rows for 1,000 devices, each saying its place in the whole list, and moves with the arrow keys', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => device(`Device ${i + 1}`, { lastSeenAt: daysFromNow(-i) }));
    const { list, user } = await openDevices(many);

    const items = within(list).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(40);
    expect(items[0]).toHaveAttribute('aria-setsize', '1000');
    expect(items[0]).toHaveAttribute('aria-posinset', '1');
    expect(within(list).queryByText('Device 500', { selector: '.device-name' })).not.toBeInTheDocument();

    // Scrolling brings later rows in and takes the first ones out.
    const viewport = list.parentElement as HTMLElement;
    viewport.scrollTop = 499 * 72;
    fireEvent.scroll(viewport);
    expect(await within(list).findByText('Device 500', { selector: '.device-name' })).toBeInTheDocument();
    expect(row(list, 'Device 500')).toHaveAttribute('aria-posinset', '500');
    expect(within(list).queryByText('Device 1', { selector: '.device-name' })).not.toBeInTheDocument();
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(40);

    // ↓ moves to the next row's same control; End goes to the last device.
    await user.click(within(row(list, 'Device 500')).getByRole('button', { name: 'Rename Device 500' }));
    await user.keyboard('{Escape}');
    expect(within(list).getByRole('button', { name: 'Rename Device 500' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(list).getByRole('button', { name: 'Rename Device 501' })).toHaveFocus();
    await user.keyboard('{End}');
    expect(within(list).getByRole('button', { name: 'Rename Device 1000' })).toHaveFocus();
    expect(row(list, 'Device 1000')).toHaveAttribute('aria-posinset', '1000');
    // A thousand devices take a while to build in jsdom on a busy machine.
  }, 15_000);

  it('adds a device: pick the platform, then e-mail a link or show it with a QR code', async () => {
    const { user, api } = await openDevices([device('Desk PC')]);
    const opener = screen.getByRole('button', { name: 'Add a device' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Add a device' });
    await user.click(within(dialog).getByRole('radio', { name: 'Android' }));

    await user.type(within(dialog).getByRole('textbox', { name: 'E-mail the link to' }), 'sam@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'E-mail the link' }));
    expect(api.devices.invite).toHaveBeenCalledWith({ platform: 'android', email: 'sam@example.com' });
    expect(await within(dialog).findByRole('status')).toHaveTextContent('We sent a link to sam@example.com.');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(opener).toHaveFocus();

    await user.click(opener);
    const again = screen.getByRole('dialog', { name: 'Add a device' });
    await user.click(within(again).getByRole('radio', { name: 'iPhone and iPad' }));
    await user.click(within(again).getByRole('button', { name: 'Show the link and a QR code instead' }));
    expect(api.devices.invite).toHaveBeenLastCalledWith({ platform: 'ios' });
    expect(await within(again).findByRole('textbox', { name: 'Invitation link' })).toHaveValue(
      'https://palisade.example/i?token=t',
    );
    const qr = await within(again).findByRole('img', { name: 'QR code of the invitation link' }, { timeout: 5000 });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(decodeURIComponent(qr.getAttribute('src') ?? '')).toContain('<path');
  });
});

describe('when the devices cannot be loaded', () => {
  it('says why and loads them again on Try again', async () => {
    const desk = device('Study desktop');
    let reachable = false;
    const list = vi.fn(async () =>
      reachable ? ok({ devices: [desk], thisDeviceId: null }) : failure('NETWORK_OFFLINE'),
    );
    const fake = createFakeApi({ devices: { list } }, signedIn);
    const { user } = renderApp(fake.api, '/devices');

    const alert = await screen.findByText(/We couldn’t load your devices\./, {}, { timeout: 5000 });
    expect(alert).toHaveTextContent(errorSentences.NETWORK_OFFLINE);
    reachable = true;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByText('Study desktop')).toBeInTheDocument();
    expect(screen.queryByText(/We couldn’t load your devices\./)).not.toBeInTheDocument();
  }, 15_000);
});
