// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alex, createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import './patient-queries';

const arriving = { email: alex.email };

describe('Sign-in, second step', () => {
  it('takes a pasted "123 456" as 123456, in a numeric one-time-code field', async () => {
    const { api } = createFakeApi({ auth: { verifyMfa: async ({ code }) => (code === '123456' ? ok(signedIn) : failure('MFA_INVALID')) } });
    const { user } = renderApp(api, '/verify', arriving);

    const code = await screen.findByLabelText('Verification code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await user.click(code);
    await user.paste('123 456');
    expect(code).toHaveValue('123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(api.auth.verifyMfa).toHaveBeenCalledWith({ code: '123456' });
    expect(await screen.findByRole('heading', { level: 1, name: new RegExp(`, ${alex.name}$`) })).toBeInTheDocument();
  });

  it('says a wrong or reused code can be used once, empties the field and keeps focus there', async () => {
    const { api } = createFakeApi({ auth: { verifyMfa: async () => failure('MFA_INVALID') } });
    const { user } = renderApp(api, '/verify', arriving);

    const code = await screen.findByLabelText('Verification code');
    await user.type(code, '111111');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That code didn’t work. Codes can be used once; wait for the next one.');
    expect(code).toHaveValue('');
    expect(code).toHaveFocus();
    expect(code.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
  });

  it('checks for six digits before asking', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/verify', arriving);

    await user.type(await screen.findByLabelText('Verification code'), '12 34');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(api.auth.verifyMfa).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Verification code')).toHaveAccessibleDescription(/Enter the 6-digit code from your authenticator app/);
  });

  it('switches to a recovery code and back', async () => {
    const { api } = createFakeApi({ auth: { verifyMfa: async ({ code }) => (code === 'r0aaa-bbbb0' ? ok(signedIn) : failure('MFA_INVALID')) } });
    const { user } = renderApp(api, '/verify', arriving);

    await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    const field = screen.getByLabelText('Recovery code');
    expect(field).toHaveFocus();
    expect(field).not.toHaveAttribute('inputmode', 'numeric');
    await user.type(field, 'wrong-code1');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That recovery code didn’t work. Each recovery code works only once');

    await user.type(field, ' r0aaa-bbbb0 ');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(api.auth.verifyMfa).toHaveBeenLastCalledWith({ code: 'r0aaa-bbbb0' });
    expect(await screen.findByRole('heading', { level: 1, name: new RegExp(`, ${alex.name}$`) })).toBeInTheDocument();
  });

  it('back to the app code, the field is numeric again and the old error is gone', async () => {
    const { api } = createFakeApi({ auth: { verifyMfa: async () => failure('MFA_INVALID') } });
    const { user } = renderApp(api, '/verify', arriving);
    await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText('Recovery code'), 'abcdef-ghij');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByRole('alert');

    await user.click(screen.getByRole('button', { name: 'Use a code from your authenticator app instead' }));
    expect(screen.getByLabelText('Verification code')).toHaveAttribute('inputmode', 'numeric');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('goes to the locked screen when wrong codes lock the account', async () => {
    const { api } = createFakeApi({ auth: { verifyMfa: async () => failure('ACCOUNT_LOCKED', { retryAfterSeconds: 600 }) } });
    const { user } = renderApp(api, '/verify', arriving);

    await user.type(await screen.findByLabelText('Verification code'), '222222');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your account is locked for now' })).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent('10:00');
  });

  it('sends the person back to sign in when the sign-in has expired', async () => {
    const { api } = createFakeApi({ auth: { verifyMfa: async () => failure('NOT_SIGNED_IN') } });
    const { user } = renderApp(api, '/verify', arriving);

    await user.type(await screen.findByLabelText('Verification code'), '333333');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This sign-in has expired.');
    await user.click(screen.getByRole('link', { name: 'Sign in again' }));
    expect(await screen.findByLabelText('E-mail address')).toHaveValue(alex.email);
  });
});
