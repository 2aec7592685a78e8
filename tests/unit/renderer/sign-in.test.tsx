// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorSentences } from '../../../renderer/src/errors/messages';
import { alex, createFakeApi, failure, ok, signedIn } from './support/fake-api';
import { renderApp } from './support/render-app';

afterEach(() => vi.useRealTimers());

async function fillSignIn(user: ReturnType<typeof renderApp>['user'], email: string, password: string) {
  await user.type(await screen.findByLabelText('E-mail address'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('Sign in', () => {
  it('says what to do next when the e-mail and password do not match, and ties the alert to both fields', async () => {
    const { api } = createFakeApi({ auth: { signIn: async () => failure('INVALID_CREDENTIALS') } });
    const { user } = renderApp(api, '/sign-in');

    await fillSignIn(user, 'alex@example.com', 'wrong password');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(errorSentences.INVALID_CREDENTIALS);
    const email = screen.getByLabelText('E-mail address');
    const password = screen.getByLabelText('Password');
    for (const field of [email, password]) {
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    }
    // Still on the sign-in screen, with the typed address kept.
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Sign in to Palisade');
    expect(email).toHaveValue('alex@example.com');
  });

  it('sends the e-mail address without surrounding whitespace', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/sign-in');

    await fillSignIn(user, '  alex@example.com \t', 'correct horse');

    expect(api.auth.signIn).toHaveBeenCalledWith({ email: 'alex@example.com', password: 'correct horse' });
    expect(await screen.findByRole('heading', { level: 1, name: /, Alex Morgan$/ })).toBeInTheDocument();
  });

  it('checks the fields before asking the main process', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/sign-in');

    await user.type(await screen.findByLabelText('E-mail address'), 'alex@');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(api.auth.signIn).not.toHaveBeenCalled();
    const email = screen.getByLabelText('E-mail address');
    expect(email).toHaveAccessibleDescription('Enter an e-mail address like name@example.com.');
    expect(email).toHaveFocus();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
  });

  it('goes to the locked screen with a countdown from retryAfterSeconds when the account is locked', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { api } = createFakeApi({ auth: { signIn: async () => failure('ACCOUNT_LOCKED', { retryAfterSeconds: 125 }) } });
    const { user } = renderApp(api, '/sign-in', undefined, { advanceTimers: vi.advanceTimersByTime });

    await fillSignIn(user, 'alex@example.com', 'wrong again');

    expect(await screen.findByRole('heading', { level: 1, name: 'Your account is locked for now' })).toHaveFocus();
    expect(screen.getByRole('timer')).toHaveTextContent('02:05');
    await vi.advanceTimersByTimeAsync(2000);
    expect(screen.getByRole('timer')).toHaveTextContent('02:03');
    expect(screen.getByRole('button', { name: 'Reset your password instead' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('also reads the lock time from details, where the service puts it', async () => {
    const { api } = createFakeApi({ auth: { signIn: async () => failure('ACCOUNT_LOCKED', { details: { retryAfterSeconds: 900 } }) } });
    const { user } = renderApp(api, '/sign-in');

    await fillSignIn(user, 'alex@example.com', 'wrong again');

    expect(await screen.findByRole('timer')).toHaveTextContent(/^1[45]:\d\d$/);
  });

  it('shows and hides the password with a pressed toggle', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/sign-in');
    const password = await screen.findByLabelText('Password');
    const toggle = screen.getByRole('button', { name: 'Show password' });

    expect(password).toHaveAttribute('type', 'password');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(password).toHaveAttribute('type', 'text');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await user.click(toggle);
    expect(password).toHaveAttribute('type', 'password');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
  });

  it('warns while Caps Lock is on', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/sign-in');
    await user.click(await screen.findByLabelText('Password'));

    await user.keyboard('{CapsLock}a');
    expect(screen.getByText('Caps Lock is on.')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Caps Lock is on.');
    await user.keyboard('{CapsLock}a');
    expect(screen.queryByText('Caps Lock is on.')).not.toBeInTheDocument();
  });

  it('offers the code screen when the e-mail address is not confirmed yet', async () => {
    const { api } = createFakeApi({ auth: { signIn: async () => failure('EMAIL_NOT_CONFIRMED') } });
    const { user } = renderApp(api, '/sign-in');

    await fillSignIn(user, 'alex@example.com', 'correct horse');
    expect(await screen.findByRole('alert')).toHaveTextContent(errorSentences.EMAIL_NOT_CONFIRMED);
    await user.click(screen.getByRole('link', { name: 'Enter the code from the e-mail' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeInTheDocument();
    expect(screen.getByText('alex@example.com')).toBeInTheDocument();
  });

  it('asks for the second step when the account has two-step verification', async () => {
    const { api } = createFakeApi({
      auth: {
        signIn: async () => ok({ status: 'mfaRequired' as const }),
        verifyMfa: async ({ code }) => (code === '123456' ? ok(signedIn) : failure('MFA_INVALID')),
      },
    });
    const { user } = renderApp(api, '/sign-in');

    await fillSignIn(user, 'alex@example.com', 'correct horse');
    const code = await screen.findByLabelText('Verification code');
    await user.type(code, '999 999');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(errorSentences.MFA_INVALID);

    await user.clear(code);
    await user.type(code, '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(api.auth.verifyMfa).toHaveBeenLastCalledWith({ code: '123456' });
    expect(await screen.findByRole('heading', { level: 1, name: new RegExp(`, ${alex.name}$`) })).toBeInTheDocument();
  });

  it('links to password recovery and account creation', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/sign-in');

    await user.type(await screen.findByLabelText('E-mail address'), 'alex@example.com');
    await user.click(screen.getByRole('link', { name: 'Forgot password?' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Reset your password' })).toHaveFocus();
    // The address typed so far comes along.
    expect(screen.getByLabelText('E-mail address')).toHaveValue('alex@example.com');

    await user.click(screen.getByRole('link', { name: 'Back to sign in' }));
    await user.click(await screen.findByRole('link', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Create your Palisade account' })).toHaveFocus();
  });
});
