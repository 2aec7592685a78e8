// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, ok, signedIn, unregisteredComputer } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { device, resetProtectionStoreBeforeEach, subscription } from './fixtures';

resetProtectionStoreBeforeEach();

/**
 * The service answered this computer's heartbeat with DEVICE_MISMATCH: it is no longer the
 * device it was registered as, so it holds no seat. The app says so, naming that device,
 * and offers what can be done: protect it as a device of its own, or move that device here.
 */
describe('this computer is not its registered device any more', () => {
  it('says which device it no longer is, and offers to protect it or move that device’s protection here', async () => {
    const former = device('Study PC');
    const fake = createFakeApi(
      {
        thisComputer: { status: async () => ok({ ...unregisteredComputer, formerDevice: former }) },
        subscriptions: { list: async () => ok([subscription()]) },
      },
      signedIn,
    );
    renderApp(fake.api, '/');
    const card = (await screen.findByRole('heading', { name: 'This computer is no longer Study PC' }, { timeout: 5000 })).closest('section')!;
    expect(card).toHaveTextContent('Palisade no longer recognises this computer as Study PC, the device it was protected as, so it isn’t protected.');
    expect(within(card).getByRole('link', { name: 'Protect this computer' })).toHaveAttribute('href', '/this-computer');
    expect(within(card).getByRole('link', { name: 'Move protection to this computer' })).toHaveAttribute('href', '/devices/move-here');
  });

  it('offers the registration form on the This computer screen', async () => {
    const fake = createFakeApi(
      {
        thisComputer: { status: async () => ok({ ...unregisteredComputer, formerDevice: device('Study PC') }) },
        subscriptions: { list: async () => ok([subscription()]) },
      },
      signedIn,
    );
    renderApp(fake.api, '/this-computer');
    expect(await screen.findByRole('heading', { name: 'This computer is no longer Study PC' }, { timeout: 5000 })).toBeInTheDocument();
    expect(await screen.findByRole('form', { name: 'Protect this computer' })).toBeInTheDocument();
  });
});
