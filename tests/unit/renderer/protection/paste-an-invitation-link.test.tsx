// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLanguageStore } from '../../../../renderer/src/i18n/language-store';
import { parseInvitationLink } from '../../../../renderer/src/screens/this-computer/invitation-link';
import { useInvitationStore } from '../../../../renderer/src/stores/invitation-store';
import { createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { device, protectedState, resetProtectionStoreBeforeEach } from './fixtures';
import { defaultSettings } from '../../../../shared/contract/settings';

resetProtectionStoreBeforeEach();
beforeEach(() => useInvitationStore.setState(useInvitationStore.getInitialState(), true));
afterEach(() => useLanguageStore.getState().chose('system'));

const token = 'inv1tation-token_0123456789abcdef';

describe('what "I have an invitation link" accepts', () => {
  it.each([
    ['the app link', `palisade://install?token=${token}`],
    ['the e-mail’s link', `https://account.palisade.example/install?token=${token}`],
    ['the e-mail’s link on a local service', `http://127.0.0.1:8080/install?token=${token}&utm=x`],
    ['the bare token', token],
    ['the token with spaces around it', `  ${token}\n`],
  ])('%s', (_, pasted) => {
    expect(parseInvitationLink(pasted)).toEqual({ ok: true, token });
  });

  it.each([
    ['nothing', '   ', 'missing'],
    ['a confirmation link', `https://account.palisade.example/confirm?token=${token}`, 'notInvitation'],
    ['an app reset link', `palisade://reset-password?token=${token}`, 'notInvitation'],
    ['a cut-off link', 'https://account.palisade.example/install?token=inv1', 'unreadable'],
    ['a link without a token', 'https://account.palisade.example/install', 'unreadable'],
    ['some other page', 'https://example.com/', 'unreadable'],
    ['a sentence', 'my invitation', 'unreadable'],
    ['another scheme', `javascript:install?token=${token}`, 'unreadable'],
  ])('refuses %s', (_, pasted, reason) => {
    expect(parseInvitationLink(pasted)).toEqual({ ok: false, reason });
  });
});

describe('I have an invitation link', () => {
  it('from Devices: the pasted e-mail link lands on This computer, spent once, as the deep link does', async () => {
    const fake = createFakeApi({}, signedIn);
    const { user } = renderApp(fake.api, '/devices');
    await user.click(await screen.findByRole('button', { name: 'I have an invitation link' }, { timeout: 5000 }));

    const dialog = screen.getByRole('dialog', { name: 'I have an invitation link' });
    const field = within(dialog).getByRole('textbox', { name: 'Invitation link or code' });
    expect(field).toHaveFocus();
    await user.type(field, `https://account.palisade.example/install?token=${token}{Enter}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'This computer' })).toBeInTheDocument();
    expect(await screen.findByText(/Invitation accepted\. It was sent for a Windows device/)).toBeInTheDocument();
    expect(fake.api.devices.acceptInvitation).toHaveBeenCalledTimes(1);
    expect(fake.api.devices.acceptInvitation).toHaveBeenCalledWith({ token });
  });

  it('says in the field what is wrong with a pasted link, and keeps the dialog open', async () => {
    const fake = createFakeApi({}, signedIn);
    const { user } = renderApp(fake.api, '/devices');
    await user.click(await screen.findByRole('button', { name: 'I have an invitation link' }, { timeout: 5000 }));
    const dialog = screen.getByRole('dialog', { name: 'I have an invitation link' });
    const field = within(dialog).getByRole('textbox', { name: 'Invitation link or code' });

    await user.click(within(dialog).getByRole('button', { name: 'Use the invitation' }));
    expect(field).toHaveAccessibleDescription(/Paste the invitation link or its code\./);
    expect(field).toHaveAttribute('aria-invalid', 'true');

    await user.type(field, `https://account.palisade.example/confirm?token=${token}{Enter}`);
    expect(field).toHaveAccessibleDescription(/a link from another kind of e-mail, not an invitation/);
    expect(fake.api.devices.acceptInvitation).not.toHaveBeenCalled();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'I have an invitation link' })).toHaveFocus();
  });

  it('on This computer, a spent or unknown invitation says so plainly', async () => {
    const fake = createFakeApi({ devices: { acceptInvitation: async () => failure('TOKEN_INVALID') } }, signedIn);
    const { user } = renderApp(fake.api, '/this-computer');
    await user.click(await screen.findByRole('button', { name: 'I have an invitation link' }, { timeout: 5000 }));
    await user.type(screen.getByRole('textbox', { name: 'Invitation link or code' }), `${token}{Enter}`);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'That invitation link didn’t work. It has been used already or has expired, or it is not an invitation Palisade knows. Ask the person who invited you for a new link.',
    );
  });

  it('in German: the dialog, its field error and a spent invitation speak German', async () => {
    const fake = createFakeApi(
      {
        settings: { get: async () => ok({ ...defaultSettings, language: 'de' as const }) },
        devices: { acceptInvitation: async () => failure('TOKEN_INVALID') },
      },
      signedIn,
    );
    const { user } = renderApp(fake.api, '/devices');
    useLanguageStore.getState().chose('de');
    await user.click(await screen.findByRole('button', { name: 'Ich habe einen Einladungslink' }, { timeout: 5000 }));
    const dialog = screen.getByRole('dialog', { name: 'Ich habe einen Einladungslink' });
    const field = within(dialog).getByRole('textbox', { name: 'Einladungslink oder Code' });
    await user.type(field, 'keine Ahnung{Enter}');
    expect(field).toHaveAccessibleDescription(/Das sieht nicht wie ein Einladungslink oder Code aus\./);

    await user.clear(field);
    await user.type(field, `palisade://install?token=${token}{Enter}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Dieser Einladungslink hat nicht funktioniert. Die Einladung wurde bereits verwendet oder ist abgelaufen',
    );
  }, 15_000);

  it('is not offered on This computer once it is protected', async () => {
    const laptop = device('alex-laptop');
    const fake = createFakeApi({ thisComputer: { status: async () => ok(protectedState(laptop)) } }, signedIn);
    renderApp(fake.api, '/this-computer');
    expect(await screen.findByText('This computer is protected', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'I have an invitation link' })).not.toBeInTheDocument();
  }, 10_000);
});
