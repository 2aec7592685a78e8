// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, ok, signedIn, signedOut } from './support/fake-api';
import { renderApp } from './support/render-app';
import './security/patient-queries';

const info = { version: '0.1.0', platform: 'linux' as const, host: 'browser' as const };

describe('the offline banner says what is out of reach', () => {
  it('"can’t be reached" when the main process found the service down, from app.info at boot', async () => {
    const fake = createFakeApi({ app: { info: async () => ok({ ...info, online: false, offlineReason: 'service-unreachable' as const }) } }, signedIn);
    renderApp(fake.api, '/');
    expect(await screen.findByText('The Palisade service can’t be reached.')).toBeInTheDocument();
    expect(screen.queryByText('You’re offline.')).not.toBeInTheDocument();
  });

  it('switches between "offline" and "can’t be reached" with each network change, on the sign-in screen too', async () => {
    const fake = createFakeApi({}, signedOut);
    renderApp(fake.api, '/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' });
    act(() => fake.emit('network.changed', { online: false, reason: 'no-internet' }));
    expect(screen.getByText('You’re offline.')).toBeInTheDocument();
    act(() => fake.emit('network.changed', { online: false, reason: 'service-unreachable' }));
    expect(screen.getByText('The Palisade service can’t be reached.')).toBeInTheDocument();
    expect(screen.queryByText('You’re offline.')).not.toBeInTheDocument();
    act(() => fake.emit('network.changed', { online: true }));
    expect(screen.queryByText('The Palisade service can’t be reached.')).not.toBeInTheDocument();
  });
});
