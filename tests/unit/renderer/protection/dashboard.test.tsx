// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeApi, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import {
  daysFromNow,
  englishDate,
  device,
  protectedState,
  resetProtectionStoreBeforeEach,
  subscription,
  unregistered,
} from './fixtures';

resetProtectionStoreBeforeEach();

describe('Dashboard', () => {
  it('shows this computer first, then each subscription with "3 of 5 devices used", days left and the expiring warning', async () => {
    const expiring = subscription({
      id: 'sub-2',
      planName: 'Palisade Max',
      seats: 10,
      seatsUsed: 1,
      status: 'expiring',
      expiresAt: daysFromNow(12.5),
    });
    const { api } = createFakeApi({ subscriptions: { list: async () => ok([subscription(), expiring]) } }, signedIn);
    renderApp(api, '/');

    const family = (
      await screen.findByRole('heading', { level: 3, name: 'Palisade Family' }, { timeout: 5000 })
    ).closest('article') as HTMLElement;
    expect(within(family).getByText('3 of 5 devices used')).toBeInTheDocument();
    const meter = within(family).getByRole('meter', { name: 'Devices used on Palisade Family' });
    expect(meter).toHaveAttribute('aria-valuenow', '3');
    expect(meter).toHaveAttribute('aria-valuemax', '5');
    expect(meter).toHaveAttribute('aria-valuetext', '3 of 5 devices used');
    expect(within(family).queryByText(/Expiring soon/)).not.toBeInTheDocument();

    const max = screen.getByRole('heading', { level: 3, name: 'Palisade Max' }).closest('article') as HTMLElement;
    expect(within(max).getByText('1 of 10 devices used')).toBeInTheDocument();
    expect(within(max).getByText(/13 days left/)).toBeInTheDocument();
    expect(within(max).getByText('Expiring soon:').parentElement).toHaveTextContent(
      'renew within 13 days to stay protected.',
    );

    // This computer's state comes before the subscriptions, with the way to protect it.
    const status = screen.getByRole('heading', { level: 2, name: 'This computer isn’t protected' });
    expect(status.compareDocumentPosition(family) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Protect this computer' })).toHaveAttribute('href', '/this-computer');
  });

  it('says when a subscription has expired and offers to activate a key', async () => {
    const expired = subscription({ status: 'expired', expiresAt: daysFromNow(-3) });
    const { api } = createFakeApi({ subscriptions: { list: async () => ok([expired]) } }, signedIn);
    renderApp(api, '/');
    const card = (await screen.findByRole('heading', { level: 3, name: 'Palisade Family' })).closest(
      'article',
    ) as HTMLElement;
    expect(within(card).getByText('Expired').parentElement).toHaveTextContent(
      `Expired on ${englishDate(expired.expiresAt)}.`,
    );
    expect(within(card).getByRole('link', { name: 'Activate a product key' })).toHaveAttribute(
      'href',
      '/subscriptions/activate',
    );
  });

  it('has an empty state that leads to activating a key', async () => {
    renderApp(createFakeApi({}, signedIn).api, '/');
    const link = await screen.findByRole('link', { name: 'activate a product key' });
    expect(link.closest('p')).toHaveTextContent('No subscription yet — activate a product key');
    expect(link).toHaveAttribute('href', '/subscriptions/activate');
  });

  it('shows "protected until", the offline note, and follows thisComputer.changed to "deactivated"', async () => {
    const laptop = device('Alex’s laptop');
    const state = protectedState(laptop, { offline: true, lastCheckedAt: daysFromNow(-2) });
    const fake = createFakeApi(
      { thisComputer: { status: async () => ok(state) }, subscriptions: { list: async () => ok([subscription()]) } },
      signedIn,
    );
    renderApp(fake.api, '/');

    expect(await screen.findByRole('heading', { level: 2, name: 'This computer is protected' })).toBeInTheDocument();
    expect(screen.getByText(/Alex’s laptop is protected until/)).toHaveTextContent(
      `until ${englishDate(state.protectedUntil as string)}`,
    );
    expect(screen.getByText(/You’re offline, so this comes from the last check/)).toHaveTextContent('(2 days ago)');

    const removedAt = daysFromNow(0);
    act(() => fake.emit('thisComputer.changed', { ...unregistered, state: 'removed', removedAt }));
    expect(await screen.findByRole('heading', { level: 2, name: 'This computer was deactivated' })).toBeInTheDocument();
    expect(screen.getByText(/It was deactivated on/)).toHaveTextContent(
      `It was deactivated on ${englishDate(removedAt)}`,
    );
    expect(screen.getByRole('link', { name: 'Protect this computer again' })).toBeInTheDocument();
  });

  it('asks for the subscriptions again when this computer’s seat changes, not when it was merely checked again', async () => {
    const laptop = device('Alex’s laptop');
    const state = protectedState(laptop);
    const fake = createFakeApi(
      { thisComputer: { status: async () => ok(state) }, subscriptions: { list: async () => ok([subscription()]) } },
      signedIn,
    );
    renderApp(fake.api, '/');
    await screen.findByRole('heading', { level: 2, name: 'This computer is protected' }, { timeout: 5000 });
    const asked = vi.mocked(fake.api.subscriptions.list).mock.calls.length;

    act(() => fake.emit('thisComputer.changed', { ...state, lastCheckedAt: new Date().toISOString() }));
    act(() =>
      fake.emit('thisComputer.changed', { ...state, lastCheckedAt: new Date(Date.now() + 1000).toISOString() }),
    );
    expect(fake.api.subscriptions.list).toHaveBeenCalledTimes(asked);

    act(() =>
      fake.emit('thisComputer.changed', {
        ...state,
        state: 'removed',
        device: { ...laptop, status: 'deactivated' },
        removedAt: daysFromNow(0),
      }),
    );
    expect(fake.api.subscriptions.list).toHaveBeenCalledTimes(asked + 1);
  });
});
