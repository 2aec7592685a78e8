// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alex, createFakeApi, failure, ok } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import './patient-queries';

const withTwoStep = { user: { ...alex, mfaEnabled: true }, storage: 'secure' as const };
const status = () => screen.getByText('Status:').querySelector('strong');

describe('Settings → Security: turning off 2-step verification', () => {
  it('asks for the password, and says so when it is wrong', async () => {
    const { api } = createFakeApi(
      { security: { disableTotp: async ({ password }) => (password === 'correct horse' ? ok(null) : failure('INVALID_CREDENTIALS')) } },
      withTwoStep,
    );
    const { user } = renderApp(api, '/settings');
    expect(await screen.findByText('On')).toBe(status());

    await user.click(screen.getByRole('button', { name: 'Turn off 2-step verification' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off 2-step verification?' });
    const password = within(dialog).getByLabelText('Password');
    expect(password).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    expect(api.security.disableTotp).not.toHaveBeenCalled();
    expect(password).toHaveAccessibleDescription(/Enter your password\./);

    await user.type(password, 'wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('That isn’t your current password.');
    expect(status()).toHaveTextContent('On');

    await user.type(password, 'correct horse');
    await user.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    expect(api.security.disableTotp).toHaveBeenLastCalledWith({ password: 'correct horse' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(status()).toHaveTextContent('Off');
    expect(screen.getByText(/2-step verification is off/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Turn on 2-step verification' })).toBeInTheDocument();
  });
});

describe('Settings → Security: changing the password', () => {
  it('says plainly that other devices are signed out, since the service offers no choice', async () => {
    const { api } = createFakeApi({}, withTwoStep);
    renderApp(api, '/settings');
    expect(await screen.findByText(/Changing your password signs Palisade out on all your other devices/)).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /Sign out of other devices/ })).not.toBeInTheDocument();
  });

  it('changes it, with a strength meter, and clears the fields', async () => {
    const { api } = createFakeApi({}, withTwoStep);
    const { user } = renderApp(api, '/settings');

    const current = await screen.findByLabelText('Current password');
    const fresh = screen.getByLabelText('New password');
    await user.type(current, 'old password');
    await user.type(fresh, 'violet tractor lantern');
    expect(screen.getByRole('meter', { name: 'Password strength' })).toHaveAttribute('aria-valuenow', '4');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(api.account.changePassword).toHaveBeenCalledWith({ currentPassword: 'old password', newPassword: 'violet tractor lantern' });
    expect(await screen.findByText(/Your password has been changed/)).toBeInTheDocument();
    expect(current).toHaveValue('');
    expect(fresh).toHaveValue('');
  });

  it('puts each refusal next to its field', async () => {
    let answer = failure('INVALID_CREDENTIALS');
    const { api } = createFakeApi({ account: { changePassword: async () => answer } }, withTwoStep);
    const { user } = renderApp(api, '/settings');

    const current = await screen.findByLabelText('Current password');
    const fresh = screen.getByLabelText('New password');
    await user.type(fresh, 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(api.account.changePassword).not.toHaveBeenCalled();
    expect(current).toHaveAccessibleDescription(/Enter your current password/);
    expect(fresh).toHaveAccessibleDescription(/Use at least 8 characters/);

    await user.type(current, 'not it at all');
    await user.type(fresh, ' and longer');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(current).toHaveAccessibleDescription(/That isn’t your current password/));
    expect(current).toHaveFocus();

    answer = failure('WEAK_PASSWORD');
    await user.type(current, 'the real one');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(fresh).toHaveAccessibleDescription(/too easy to guess/));
  });
});
