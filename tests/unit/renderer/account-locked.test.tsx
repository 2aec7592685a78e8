// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi } from './support/fake-api';
import { renderApp } from './support/render-app';

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date', 'setInterval', 'clearInterval'] }));
afterEach(() => vi.useRealTimers());

describe('Account locked', () => {
  it('counts down every second, speaks once a minute, and offers Try again at the end', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/account-locked', { email: 'alex@example.com', until: Date.now() + 62_000 }, {
      advanceTimers: vi.advanceTimersByTime,
    });

    const timer = await screen.findByRole('timer');
    expect(timer).toHaveTextContent('01:02');
    const spoken = screen.getByText(/left\.$/);
    expect(spoken).toHaveAttribute('aria-live', 'polite');
    expect(spoken).toHaveTextContent('About 2 minutes left.');

    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(timer).toHaveTextContent('01:01');
    // The spoken text did not change with the visible clock…
    expect(spoken).toHaveTextContent('About 2 minutes left.');
    await act(() => vi.advanceTimersByTimeAsync(2000));
    // …only when the minute turned.
    expect(spoken).toHaveTextContent('About 1 minute left.');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
    expect(screen.getByText('You can try again now.', { selector: '.countdown' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail address')).toHaveValue('alex@example.com');
  });

  it('offers a password reset instead of waiting', async () => {
    const { api } = createFakeApi();
    const { user } = renderApp(api, '/account-locked', { email: 'alex@example.com', until: Date.now() + 900_000 }, {
      advanceTimers: vi.advanceTimersByTime,
    });

    expect(await screen.findByRole('timer')).toHaveTextContent('15:00');
    await user.click(screen.getByRole('button', { name: 'Reset your password instead' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Reset your password' })).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail address')).toHaveValue('alex@example.com');
  });
});
