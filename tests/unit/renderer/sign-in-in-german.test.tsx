// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLanguageStore } from '../../../renderer/src/i18n/language-store';
import { createFakeApi, failure, ok } from './support/fake-api';
import { renderApp } from './support/render-app';
import { defaultSettings } from '../../../shared/contract/settings';

afterEach(() => vi.useRealTimers());

/** Settings → Language says German; the app takes the choice from the main process at boot. */
const german = { settings: { get: async () => ok({ ...defaultSettings, language: 'de' as const }) } };

/** Fills in the German sign-in form as a person would, and sends it. */
async function signInAs(user: ReturnType<typeof renderApp>['user'], password: string) {
  await user.type(await screen.findByLabelText('E-Mail-Adresse'), 'alex@example.com');
  await user.type(screen.getByLabelText('Passwort'), password);
  await user.click(screen.getByRole('button', { name: 'Anmelden' }));
}

describe('Signing in, in German', () => {
  it('speaks German from the first screen, and says what went wrong in German', async () => {
    const { api } = createFakeApi({ ...german, auth: { signIn: async () => failure('INVALID_CREDENTIALS') } });
    const { user } = renderApp(api, '/sign-in');

    // The screen's code loads on demand: on a busy machine that can take a moment.
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Bei Palisade anmelden' }, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
    expect(document.title).toBe('Anmelden · Palisade');
    expect(screen.getByRole('link', { name: 'Passwort vergessen?' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Konto erstellen' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Passwort anzeigen' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Anmelden' }));
    expect(screen.getByLabelText('E-Mail-Adresse')).toHaveAccessibleDescription('Geben Sie Ihre E-Mail-Adresse ein.');
    expect(screen.getByLabelText('Passwort')).toHaveAccessibleDescription('Geben Sie Ihr Passwort ein.');

    await user.type(screen.getByLabelText('E-Mail-Adresse'), 'alex@example.com');
    await user.type(screen.getByLabelText('Passwort'), 'falsches Passwort');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'E-Mail-Adresse und Passwort passen nicht zusammen. Prüfen Sie beides und versuchen Sie es erneut, oder setzen Sie Ihr Passwort zurück.',
    );
    expect(screen.queryByText(/INVALID_CREDENTIALS|from the fake/)).not.toBeInTheDocument();
  });

  it('switches at once when the language changes', async () => {
    const { api } = createFakeApi();
    renderApp(api, '/sign-in');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' }, { timeout: 5000 }),
    ).toBeInTheDocument();

    act(() => useLanguageStore.getState().chose('de'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Bei Palisade anmelden' })).toBeInTheDocument();
    expect(screen.getByLabelText('E-Mail-Adresse')).toBeInTheDocument();
  });

  it('counts down a lock and says the wait with German plurals', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { api } = createFakeApi({
      ...german,
      auth: { signIn: async () => failure('ACCOUNT_LOCKED', { retryAfterSeconds: 62 }) },
    });
    const { user } = renderApp(api, '/sign-in', undefined, { advanceTimers: vi.advanceTimersByTime });

    await signInAs(user, 'wieder falsch');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Ihr Konto ist vorübergehend gesperrt' }),
    ).toHaveFocus();
    expect(screen.getByRole('timer')).toHaveTextContent('01:02');
    expect(screen.getByText(/Nächster Versuch in/)).toBeInTheDocument();
    expect(screen.getByText('Noch etwa 2 Minuten.')).toHaveAttribute('aria-live', 'polite');
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(screen.getByText('Noch etwa 1 Minute.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Stattdessen Passwort zurücksetzen' })).toBeInTheDocument();
  });

  it('asks for the second step in German', async () => {
    const { api } = createFakeApi({ ...german, auth: { signIn: async () => ok({ status: 'mfaRequired' as const }) } });
    const { user } = renderApp(api, '/sign-in');

    await signInAs(user, 'correct horse');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Geben Sie Ihren Bestätigungscode ein' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Bestätigungscode')).toHaveAccessibleDescription('6 Ziffern, zum Beispiel 123 456');
    await user.click(screen.getByRole('button', { name: 'Stattdessen einen Wiederherstellungscode verwenden' }));
    expect(screen.getByLabelText('Wiederherstellungscode')).toHaveFocus();
  });
});
