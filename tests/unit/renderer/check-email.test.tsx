// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, failure } from './support/fake-api';
import { findStatus, renderApp } from './support/render-app';

const token = 'Zx8_k2LqP0aB7cD9eF1gH3iJ';

describe('Check your e-mail', () => {
  it('accepts the whole link pasted from the e-mail, confirms, and goes to sign in with the address filled in', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/check-email', { email: 'alex@example.com' });

    expect(await screen.findByText('alex@example.com')).toBeInTheDocument();
    await user.click(screen.getByLabelText('The code from the e-mail (like 7QX2-M4KD), or its link'));
    await user.paste(`  https://accounts.palisade.example/confirm?token=${token}&utm=mail \n`);
    await user.click(screen.getByRole('button', { name: 'Confirm e-mail address' }));

    expect(api.auth.confirmEmail).toHaveBeenCalledWith({ code: token });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeInTheDocument();
    expect(await findStatus('Your e-mail address is confirmed. Sign in to continue.')).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail address')).toHaveValue('alex@example.com');
  });

  it('says so when what was pasted is neither a code nor a link with one', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/check-email');
    const field = await screen.findByLabelText('Paste the code or the link from the e-mail');

    await user.click(field);
    await user.paste('https://accounts.palisade.example/confirm');
    await user.click(screen.getByRole('button', { name: 'Confirm e-mail address' }));

    expect(api.auth.confirmEmail).not.toHaveBeenCalled();
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription(/doesn’t look like the 8-character code or the link/);
  });

  it('explains an expired or used code', async () => {
    const { api } = createFakeApi({ auth: { confirmEmail: async () => failure('TOKEN_INVALID') } });
    const { user } = renderApp(api, '/check-email');

    await user.type(await screen.findByLabelText('Paste the code or the link from the e-mail'), token);
    await user.click(screen.getByRole('button', { name: 'Confirm e-mail address' }));

    const field = screen.getByLabelText('Paste the code or the link from the e-mail');
    expect(await screen.findByText('This code has expired or was already used. Ask for a new e-mail and use its code.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/expired or was already used/);
  });

  it('confirms by itself, once, when a palisade://confirm link opens the app', async () => {
    const fake = createFakeApi();
    renderApp(fake.api, '/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' });

    act(() => fake.emit('app.deepLink', { action: 'confirm', token }));

    expect(await findStatus('Your e-mail address is confirmed.')).toBeInTheDocument();
    expect(fake.api.auth.confirmEmail).toHaveBeenCalledTimes(1);
    expect(fake.api.auth.confirmEmail).toHaveBeenCalledWith({ code: token });
  });

  it('opens the reset screen with the token from a palisade://reset-password link', async () => {
    const fake = createFakeApi();
    const { user } = renderApp(fake.api, '/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' });

    act(() => fake.emit('app.deepLink', { action: 'reset-password', token }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })).toHaveFocus();
    expect(screen.getByLabelText('Paste the code or the link from the e-mail')).toHaveValue(token);
    await user.type(screen.getByLabelText('New password'), 'violet harbour lantern');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(fake.api.auth.resetPassword).toHaveBeenCalledWith({ code: token, password: 'violet harbour lantern' });
    expect(await findStatus('Your password has been changed.')).toBeInTheDocument();
  });
});
