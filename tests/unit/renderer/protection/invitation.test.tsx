// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useInvitationStore } from '../../../../renderer/src/stores/invitation-store';
import { errorSentences } from '../../../../renderer/src/errors/messages';
import { createFakeApi, failure, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { resetProtectionStoreBeforeEach } from './fixtures';

resetProtectionStoreBeforeEach();
beforeEach(() => useInvitationStore.setState(useInvitationStore.getInitialState(), true));

const token = 'inv1tation-token_0123456789abcdef';

describe('an invitation link opens This computer', () => {
  it('spends the invitation once and says what to do next', async () => {
    const fake = createFakeApi({}, signedIn);
    renderApp(fake.api, '/');
    await screen.findByRole('navigation', { name: 'Main' });

    act(() => fake.emit('app.deepLink', { action: 'install', token }));

    expect(await screen.findByRole('heading', { level: 1, name: 'This computer' })).toBeInTheDocument();
    expect(await screen.findByText(/Invitation accepted\. It was sent for a Windows device/)).toBeInTheDocument();
    // StrictMode runs effects twice; the token is still spent only once.
    expect(fake.api.devices.acceptInvitation).toHaveBeenCalledTimes(1);
    expect(fake.api.devices.acceptInvitation).toHaveBeenCalledWith({ token });
    expect(useInvitationStore.getState().token).toBeNull();
  });

  it('says why when the invitation is used up or expired', async () => {
    const fake = createFakeApi({ devices: { acceptInvitation: async () => failure('TOKEN_INVALID') } }, signedIn);
    renderApp(fake.api, '/');
    await screen.findByRole('navigation', { name: 'Main' });

    act(() => fake.emit('app.deepLink', { action: 'install', token }));

    const alert = await screen.findByText(/That invitation link didn’t work\./);
    expect(alert).toHaveTextContent('It has been used already or has expired, or it is not an invitation Palisade knows.');
    expect(alert).not.toHaveTextContent(errorSentences.TOKEN_INVALID);
  });

  it('keeps the invitation while nobody is signed in, unspent', async () => {
    const fake = createFakeApi();
    renderApp(fake.api, '/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' });

    act(() => fake.emit('app.deepLink', { action: 'install', token }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeInTheDocument();
    expect(useInvitationStore.getState().token).toBe(token);
    expect(fake.api.devices.acceptInvitation).not.toHaveBeenCalled();
  });
});
