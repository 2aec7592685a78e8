// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { BridgeStatus, BrowserHostConnection } from '../../../renderer/src/api/browser-bridge';
import type { PalisadeApi } from '../../../shared/contract/types';
import { watchBridge } from '../../../renderer/src/stores/connect-stores';
import { useConnectionStore } from '../../../renderer/src/stores/connection-store';
import { alex, createFakeApi, failure, ok, signedIn, signedOut } from './support/fake-api';
import { renderApp } from './support/render-app';
import './security/patient-queries';

const memorySentence = 'Your system has no secure key store, so you’ll need to sign in again next time you open Palisade.';

describe('Boot', () => {
  it('shows an accessible loading state until session.get answers, then the screen for that session', async () => {
    let answer: (value: ReturnType<typeof ok<typeof signedIn>>) => void = () => undefined;
    const { api } = createFakeApi({ session: { get: () => new Promise((resolve) => (answer = resolve)) } });
    renderApp(api, '/');

    expect(screen.getByRole('status')).toHaveTextContent('Loading Palisade…');
    expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');

    await act(async () => answer(ok(signedIn)));
    expect(await screen.findByRole('heading', { level: 1, name: /^Good (morning|afternoon|evening), Alex Morgan$/ })).toBeInTheDocument();
  });

  it('sends signed-out visitors to sign in, and signed-in people away from it', async () => {
    renderApp(createFakeApi({}, signedOut).api, '/devices');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('returns a signed-in person from an auth screen to the dashboard', async () => {
    renderApp(createFakeApi({}, signedIn).api, '/sign-in');
    expect(await screen.findByRole('heading', { level: 1, name: /, Alex Morgan$/ })).toBeInTheDocument();
  });

  it('follows session.changed: a sign-out pushed from the main process leaves the shell', async () => {
    const fake = createFakeApi({}, signedIn);
    renderApp(fake.api, '/');
    await screen.findByRole('navigation', { name: 'Main' });

    act(() => fake.emit('session.changed', signedOut));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeInTheDocument();
  });

  it('offers another go when session.get fails', async () => {
    let healthy = false;
    const { api } = createFakeApi({ session: { get: async () => (healthy ? ok(signedOut) : failure('TIMEOUT')) } });
    const { user } = renderApp(api, '/');

    expect(await screen.findByRole('alert')).toHaveTextContent('Palisade didn’t hear back in time.');
    healthy = true;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeInTheDocument();
  });

  it('asks for the launch link when the browser host refuses the page', async () => {
    renderApp(createFakeApi().api, '/');
    act(() => useConnectionStore.getState().setStatus('unauthorised'));

    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('This page isn’t connected to Palisade');
    expect(screen.getByText('Press Enter in the terminal where Palisade is running to get a fresh link, or run npm start again.')).toBeInTheDocument();
  });
});

/** The browser bridge's status surface, driven by hand. */
function fakeBridge(api: PalisadeApi) {
  let status: BridgeStatus = 'connecting';
  const listeners = new Set<(status: BridgeStatus) => void>();
  const bridge: BrowserHostConnection = {
    api,
    status: () => status,
    onStatus: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    close: () => undefined,
  };
  const set = (next: BridgeStatus) => act(() => ((status = next), listeners.forEach((l) => l(next))));
  return { bridge, set };
}

describe('Browser host', () => {
  it('asks for the launch link while the host is away, and picks the session up again when it is back', async () => {
    const fake = createFakeApi({}, signedIn);
    renderApp(fake.api, '/');
    const { bridge, set } = fakeBridge(fake.api);
    const stop = watchBridge(bridge, fake.api);
    await screen.findByRole('navigation', { name: 'Main' });
    const asked = vi.mocked(fake.api.session.get).mock.calls.length;

    set('closed');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Palisade has stopped or lost its connection');
    expect(screen.getByText('Press Enter in the terminal where Palisade is running to get a fresh link, or run npm start again.')).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();

    set('connecting');
    set('open');
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(fake.api.session.get).toHaveBeenCalledTimes(asked + 1);
    stop();
  });
});

describe('App shell', () => {
  it('has landmarks, a skip link to main, and the sidebar in order', async () => {
    const { user } = renderApp(createFakeApi({}, signedIn).api, '/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });

    expect(screen.getByRole('banner')).toContainElement(screen.getByRole('button', { name: alex.name }));
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Dashboard',
      'This computer',
      'Devices',
      'Subscriptions',
      'Downloads',
      'Billing',
      'Support',
      'Settings',
    ]);
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');

    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('titles the window and focuses the heading of the screen a nav link opens', async () => {
    const { user } = renderApp(createFakeApi({}, signedIn).api, '/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await screen.findByRole('heading', { level: 2, name: 'This computer isn’t protected' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Subscriptions' })).toBeInTheDocument();
    expect(document.title).toBe('Dashboard · Palisade');

    await user.click(within(nav).getByRole('link', { name: 'Support' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Support' })).toHaveFocus();
    expect(await screen.findByRole('heading', { level: 2, name: 'Call support' })).toBeInTheDocument();
    expect(document.title).toBe('Support · Palisade');

    // From there to a built screen: it takes focus and retitles too.
    await user.click(within(nav).getByRole('link', { name: 'Downloads' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Downloads' })).toHaveFocus();
    expect(document.title).toBe('Downloads · Palisade');
  });

  it('warns when the session lives only in memory', async () => {
    renderApp(createFakeApi({}, { user: alex, storage: 'memory' }).api, '/');
    expect(await screen.findByText(memorySentence)).toBeInTheDocument();
  });

  it('does not warn about the key store when there is one', async () => {
    renderApp(createFakeApi({}, signedIn).api, '/');
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByText(memorySentence)).not.toBeInTheDocument();
  });

  it('shows a banner while offline, from app.info at boot and network.changed after', async () => {
    const fake = createFakeApi(
      { app: { info: async () => ok({ version: '0.1.0', platform: 'linux' as const, host: 'browser' as const, online: false }) } },
      signedIn,
    );
    renderApp(fake.api, '/');
    expect(await screen.findByText('You’re offline.')).toBeInTheDocument();

    act(() => fake.emit('network.changed', { online: true }));
    expect(screen.queryByText('You’re offline.')).not.toBeInTheDocument();
    act(() => fake.emit('network.changed', { online: false }));
    expect(screen.getByText('You’re offline.').closest('[role="status"]')).not.toBeNull();
  });

  it('stops listening to push events when unmounted', async () => {
    const fake = createFakeApi({}, signedIn);
    const { unmount } = renderApp(fake.api, '/');
    await screen.findByRole('navigation', { name: 'Main' });
    expect(fake.listenerCount('session.changed')).toBe(1);
    unmount();
    expect(fake.listenerCount('session.changed')).toBe(0);
    expect(fake.listenerCount('app.deepLink')).toBe(0);
  });
});
