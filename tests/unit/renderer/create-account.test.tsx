// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorSentences } from '../../../renderer/src/errors/messages';
import { createFakeApi, failure, ok } from './support/fake-api';
import { renderApp } from './support/render-app';
import { defaultSettings } from '../../../shared/contract/settings';

async function fillForm(user: ReturnType<typeof renderApp>['user'], password = 'violet harbour lantern') {
  await user.type(await screen.findByLabelText('Your name'), '  Alex Morgan ');
  await user.type(screen.getByLabelText('E-mail address'), ' alex@example.com ');
  await user.type(screen.getByLabelText('Password'), password);
}

describe('Create account', () => {
  it('requires the terms to be accepted before creating the account', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/create-account');
    await fillForm(user);

    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(api.auth.signUp).not.toHaveBeenCalled();
    const terms = screen.getByRole('checkbox', { name: /I agree to the Palisade Terms of Service/ });
    expect(terms).toHaveFocus();
    expect(terms).toHaveAttribute('aria-invalid', 'true');
    expect(terms).toHaveAccessibleDescription('Agree to the terms to create your account.');

    await user.click(terms);
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(api.auth.signUp).toHaveBeenCalledWith({
      name: 'Alex Morgan',
      email: 'alex@example.com',
      password: 'violet harbour lantern',
      language: 'en',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your e-mail' })).toHaveFocus();
    expect(screen.getByText('alex@example.com')).toBeInTheDocument();
  });

  it('rates the password as it is typed, in words as well as the bar', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/create-account');
    const password = await screen.findByLabelText('Password');
    const meter = screen.getByRole('meter', { name: 'Password strength' });

    await user.type(password, 'abc');
    expect(meter).toHaveAttribute('aria-valuetext', 'Too short');
    await user.clear(password);
    await user.type(password, 'violet harbour lantern');
    expect(meter).toHaveAttribute('aria-valuetext', 'Strong');
    expect(Number(meter.getAttribute('aria-valuenow'))).toBe(4);
  });

  it('goes on to “check your e-mail” for any address, in words true whether or not it has an account', async () => {
    // The service answers every sign-up alike and e-mails an address that has an account a
    // way to sign in instead, so the app cannot (and must not) tell the two apart.
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/create-account');
    await fillForm(user);
    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const main = await screen.findByRole('main');
    expect(await within(main).findByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeInTheDocument();
    expect(main).toHaveTextContent('If alex@example.com can be used for a new account, we’ve sent it a link to confirm the address');
    expect(main).toHaveTextContent('If the address already has an account, we’ve sent it a way to sign in instead.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it.each([
    { reason: 'too_common', sentence: 'This password is too common or too easy to guess.' },
    { reason: 'too_short', sentence: 'Use at least 12 characters.' },
    { reason: 'contains_email', sentence: 'Don’t use your e-mail address or its first part in the password' },
  ])('says beside the password why the service refused it ($reason)', async ({ reason, sentence }) => {
    const details = { reason, field: 'password', minLength: 12, maxLength: 128 };
    const { api } = createFakeApi({ auth: { signUp: async () => failure('WEAK_PASSWORD', { details }) } });
    const { user } = renderApp(api, '/create-account');
    await fillForm(user);
    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(errorSentences.WEAK_PASSWORD);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(expect.stringContaining(sentence));
  });

  it('shows validation details from the main process beside their fields, in its own words', async () => {
    const fields = {
      name: { code: 'too_big', maximum: 100, message: 'Too big: expected string to have <=100 characters' },
      email: { code: 'invalid_format', format: 'email', message: 'Invalid email address' },
    };
    const { api } = createFakeApi({
      auth: { signUp: async () => failure('VALIDATION_FAILED', { details: { fields } }) },
    });
    const { user } = renderApp(api, '/create-account');
    await fillForm(user);
    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(errorSentences.VALIDATION_FAILED);
    expect(screen.getByLabelText('Your name')).toHaveAccessibleDescription('Use at most 100 characters.');
    expect(screen.getByLabelText('E-mail address')).toHaveAccessibleDescription('Enter a valid e-mail address.');
    expect(screen.queryByText(/Too big|Invalid email/)).not.toBeInTheDocument();
  });

  it('creates the account in the language the app speaks, so its e-mails arrive in it', async () => {
    // Settings → Language says German; the app takes it from the main process at boot.
    const { api } = createFakeApi({ settings: { get: async () => ok({ ...defaultSettings, language: 'de' as const }) } });
    const { user } = renderApp(api, '/create-account');
    await user.type(await screen.findByLabelText('Ihr Name'), 'Alex Morgan');
    await user.type(screen.getByLabelText('E-Mail-Adresse'), 'alex@example.com');
    await user.type(screen.getByLabelText('Passwort'), 'violet harbour lantern');
    await user.click(screen.getByRole('checkbox', { name: /Nutzungsbedingungen/ }));
    await user.click(screen.getByRole('button', { name: 'Konto erstellen' }));

    expect(api.auth.signUp).toHaveBeenCalledWith(expect.objectContaining({ language: 'de' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sehen Sie in Ihrem Postfach nach' }),
    ).toBeInTheDocument();
  });

  it('refuses a password shorter than the policy before sending it', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/create-account');
    await fillForm(user, 'short');
    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(api.auth.signUp).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(screen.getByText('Use at least 8 characters.')).toBeInTheDocument();
  });
});
