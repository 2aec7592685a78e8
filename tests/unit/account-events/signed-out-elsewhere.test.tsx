// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, signedIn, signedOut } from '../renderer/support/fake-api';
import { findStatus, renderApp } from '../renderer/support/render-app';

/** What the renderer does with the account's events, as the main process pushes them. */
describe('changes made elsewhere, in the renderer', () => {
  it('says why the session ended: the password was changed on a named device, at a time', async () => {
    const fake = createFakeApi({}, signedIn);
    renderApp(fake.api, '/');
    await screen.findByRole('heading', { level: 1, name: /, Alex Morgan$/ });
    const at = new Date();
    at.setHours(9, 41, 0, 0);
    await act(async () => {
      fake.emit('session.changed', signedOut);
      fake.emit('session.ended', { reason: 'password_changed', byDeviceName: 'Palisade on Anna’s laptop', at: at.toISOString() });
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeInTheDocument();
    const status = await findStatus('You were signed out because the password was changed on Palisade on Anna’s laptop at');
    expect(status.textContent).toMatch(/9:41|09:41/);
  });

  it('says it without a device name when the service had none, and forgets it once someone signs in', async () => {
    const fake = createFakeApi({}, signedOut);
    renderApp(fake.api, '/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' });
    await act(async () => fake.emit('session.ended', { reason: 'password_reset', byDeviceName: null, at: new Date().toISOString() }));
    await findStatus('You were signed out because the password was reset with an e-mailed link at');
    await act(async () => fake.emit('session.changed', signedIn));
    await screen.findByRole('heading', { level: 1, name: /, Alex Morgan$/ });
    await act(async () => fake.emit('session.changed', signedOut));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' });
    expect(screen.queryByText(/You were signed out/)).not.toBeInTheDocument();
  });

  it('reads the device list and seat counts again when a device changed elsewhere', async () => {
    const fake = createFakeApi({}, signedIn);
    renderApp(fake.api, '/devices');
    await waitFor(() => expect(fake.api.devices.list).toHaveBeenCalled());
    const before = (fake.api.devices.list as unknown as { mock: { calls: unknown[] } }).mock.calls.length;
    await act(async () => fake.emit('devices.changed', { deviceId: 'd-1' }));
    await waitFor(() => expect((fake.api.devices.list as unknown as { mock: { calls: unknown[] } }).mock.calls.length).toBe(before + 1));
  });

  it('reads the subscriptions again when one changed elsewhere', async () => {
    const fake = createFakeApi({}, signedIn);
    renderApp(fake.api, '/subscriptions');
    await waitFor(() => expect(fake.api.subscriptions.list).toHaveBeenCalled());
    const calls = () => (fake.api.subscriptions.list as unknown as { mock: { calls: unknown[] } }).mock.calls.length;
    const before = calls();
    await act(async () => fake.emit('subscriptions.changed', { subscriptionId: null }));
    await waitFor(() => expect(calls()).toBe(before + 1));
  });
});
