// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, failure, ok, signedIn } from './support/fake-api';
import { findStatus, renderApp } from './support/render-app';

const label = 'The code from the e-mail (like 7QX2-M4KD), or its link';

async function typeCode(user: ReturnType<typeof renderApp>['user'], code: string) {
  await user.type(await screen.findByLabelText(label), code);
  await user.click(screen.getByRole('button', { name: 'Confirm e-mail address' }));
}

describe('confirming with the code from the e-mail', () => {
  it('sends the typed code with the address, dash or not, and lands signed in when the app held the password', async () => {
    const { api } = createFakeApi({ auth: { confirmEmail: async () => ok({ status: 'signedIn' as const, session: signedIn }) } });
    const { user } = renderApp(api, '/check-email', { email: 'alex@example.com' });
    await typeCode(user, '7qx2m4kd');

    expect(api.auth.confirmEmail).toHaveBeenCalledWith({ code: '7qx2m4kd', email: 'alex@example.com' });
    expect(await screen.findByRole('heading', { level: 1, name: /, Alex Morgan$/ })).toBeInTheDocument();
  });

  it('goes to sign in when the address is confirmed but the app no longer holds the password', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/check-email', { email: 'alex@example.com' });
    await typeCode(user, '7QX2-M4KD');

    expect(await findStatus('Your e-mail address is confirmed. Sign in to continue.')).toBeInTheDocument();
  });

  it('says how many tries a mistyped code has left, beside the field, and keeps the focus there', async () => {
    const { api } = createFakeApi({ auth: { confirmEmail: async () => failure('CODE_INVALID', { details: { attemptsLeft: 3 } }) } });
    const { user } = renderApp(api, '/check-email', { email: 'alex@example.com' });
    await typeCode(user, '7QX2-M4KE');

    const field = screen.getByLabelText(label);
    expect(await screen.findByText(/3 tries left for this code/)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/3 tries left/);
    expect(field).toHaveFocus();
  });

  it('tells a spent code from an expired one', async () => {
    const { api } = createFakeApi({ auth: { confirmEmail: async () => failure('CODE_INVALID', { details: { attemptsLeft: 0 } }) } });
    const { user } = renderApp(api, '/check-email', { email: 'alex@example.com' });
    await typeCode(user, '7QX2-M4KE');
    expect(await screen.findByText(/too many wrong tries/)).toBeInTheDocument();
    expect(screen.queryByText(/expired/)).not.toBeInTheDocument();
  });

  it('resends the e-mail and says when it can be asked for again; offers another address', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/check-email', { email: 'alex@example.com' });
    const resend = await screen.findByRole('button', { name: 'Resend the e-mail' });
    await user.click(resend);

    expect(api.auth.resendConfirmation).toHaveBeenCalledWith({ email: 'alex@example.com' });
    expect(resend).toBeDisabled();
    expect(await screen.findByText(/You can ask again in 60 seconds/)).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Use another address' }));
    expect(await screen.findByRole('button', { name: 'Create account' })).toBeInTheDocument();
  });
});

describe('signing in, the fourth wrong password', () => {
  it('says that one try is left', async () => {
    const { api } = createFakeApi({ auth: { signIn: async () => failure('INVALID_CREDENTIALS', { details: { attemptsLeft: 1 } }) } });
    const { user } = renderApp(api, '/sign-in');
    await user.type(await screen.findByLabelText('E-mail address'), 'alex@example.com');
    await user.type(screen.getByLabelText('Password'), 'not it at all');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/One try left/);
  });
});
