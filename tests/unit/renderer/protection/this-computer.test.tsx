// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { daysFromNow, device, protectedState, resetProtectionStoreBeforeEach, subscription } from './fixtures';

resetProtectionStoreBeforeEach();

const hashes = { uuid: '1'.repeat(64), mac: '2'.repeat(64), fingerprint: '3'.repeat(64) };

describe('This computer', () => {
  it('shows what it shares — its name, OS, kind and app version, each component in words with its hash — only when asked', async () => {
    const fake = createFakeApi(
      {
        thisComputer: {
          shares: async () =>
            ok({
              fingerprint: hashes.fingerprint,
              components: [
                { kind: 'hardwareUuid' as const, hash: hashes.uuid },
                { kind: 'mac' as const, hash: hashes.mac },
              ],
              name: 'alex-laptop',
              os: 'macOS 14.5',
              platform: 'macos' as const,
              appVersion: '1.4.0',
            }),
        },
      },
      signedIn,
    );
    const { user } = renderApp(fake.api, '/this-computer');
    const summary = await screen.findByText('What this computer shares', { selector: 'summary' }, { timeout: 5000 });
    expect(fake.api.thisComputer.shares).not.toHaveBeenCalled();

    await user.click(summary);
    const list = (await screen.findByText('Hardware ID of the computer')).closest('dl') as HTMLElement;
    expect(within(list).getByText(hashes.uuid).tagName).toBe('CODE');
    expect(within(list).getByText('Network adapter address (MAC)').nextElementSibling).toHaveTextContent(hashes.mac);
    expect(within(list).getByText(hashes.fingerprint)).toBeInTheDocument();
    expect(screen.getByText(/the raw serial numbers never leave it/)).toBeInTheDocument();
    const described = screen.getByText('Name in your list of devices').closest('dl') as HTMLElement;
    expect(within(described).getByText('Name in your list of devices').nextElementSibling).toHaveTextContent(
      'alex-laptop',
    );
    expect(within(described).getByText('Operating system and version').nextElementSibling).toHaveTextContent(
      'macOS 14.5',
    );
    expect(within(described).getByText('Kind of computer').nextElementSibling).toHaveTextContent('macOS');
    expect(within(described).getByText('Palisade version').nextElementSibling).toHaveTextContent('1.4.0');
  });

  it('says when it last checked, and checks again on request', async () => {
    const laptop = device('alex-laptop');
    const before = protectedState(laptop, { lastCheckedAt: daysFromNow(-0.25) });
    const after = protectedState(laptop, { lastCheckedAt: new Date().toISOString() });
    const fake = createFakeApi(
      { thisComputer: { status: async () => ok(before), check: async () => ok(after) } },
      signedIn,
    );
    const { user } = renderApp(fake.api, '/this-computer');

    expect(
      await screen.findByText(/last checked this computer’s protection with the service/, {}, { timeout: 5000 }),
    ).toHaveTextContent('with the service 6 hours ago.');
    await user.click(screen.getByRole('button', { name: 'Check now' }));
    expect(fake.api.thisComputer.check).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Checked with Palisade just now.')).toBeInTheDocument();
    expect(screen.getByText(/last checked this computer’s protection/)).toHaveTextContent('with the service just now.');
    // Protected: no registration form.
    expect(screen.queryByRole('form', { name: 'Protect this computer' })).not.toBeInTheDocument();
  });

  it('prefills the name with the host name and refuses an empty one before asking the main process', async () => {
    const fake = createFakeApi({ subscriptions: { list: async () => ok([subscription()]) } }, signedIn);
    const { user } = renderApp(fake.api, '/this-computer');
    const form = await screen.findByRole('form', { name: 'Protect this computer' }, { timeout: 5000 });
    const name = within(form).getByRole('textbox', { name: 'Name for this computer' });
    expect(name).toHaveValue('alex-laptop');

    await user.clear(name);
    await user.click(within(form).getByRole('button', { name: 'Protect this computer' }));
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Enter a name for this device.'));
    expect(name).toHaveFocus();
    expect(fake.api.thisComputer.register).not.toHaveBeenCalled();
  });

  it('says a subscription is needed first when there is none to register on', async () => {
    const fake = createFakeApi({}, signedIn);
    renderApp(fake.api, '/this-computer');
    const note = await screen.findByText(/You need a subscription first/, {}, { timeout: 5000 });
    expect(within(note).getByRole('link', { name: 'Activate a product key' })).toHaveAttribute(
      'href',
      '/subscriptions/activate',
    );
    expect(screen.queryByRole('form', { name: 'Protect this computer' })).not.toBeInTheDocument();
  });
});
