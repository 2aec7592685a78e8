// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import './patient-queries';
import { defaultSettings } from '../../../../shared/contract/settings';

const languageGroup = () => screen.findByRole('radiogroup', { name: 'Language' });

describe('Settings → Language', () => {
  it('offers the system’s language and each language named in itself, with what the choice means for e-mails', async () => {
    renderApp(createFakeApi({}, signedIn).api, '/settings');
    const group = await languageGroup();

    expect(
      within(group)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.textContent),
    ).toEqual(['Same as the system (English)', 'English', 'Deutsch']);
    expect(within(group).getByRole('radio', { name: 'Same as the system (English)' })).toBeChecked();
    expect(group).toHaveAccessibleDescription(/e-mails about your account arrive in that language too/);
  });

  it('switches the app to Deutsch at once, remembers it, and gives it to the account', async () => {
    // The main process answers only when the test says so: the switch must not wait for it.
    let answer = () => {};
    const { api } = createFakeApi(
      {
        settings: {
          update: (input) =>
            new Promise((resolve) => (answer = () => resolve(ok({ ...defaultSettings, language: input.language ?? 'system' })))),
        },
      },
      signedIn,
    );
    const { user } = renderApp(api, '/settings');

    await user.click(within(await languageGroup()).getByRole('radio', { name: 'Deutsch' }));

    // The whole app, not only this section: the page heading and the sidebar speak German.
    expect(await screen.findByRole('heading', { level: 1, name: 'Einstellungen' })).toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'Hauptmenü' })).getByRole('link', { name: 'Übersicht' }),
    ).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
    expect(api.settings.update).toHaveBeenCalledWith({ language: 'de' });
    expect(api.account.update).not.toHaveBeenCalled();
    act(() => answer());
    await waitFor(() => expect(api.account.update).toHaveBeenCalledWith({ language: 'de' }));
    const group = await screen.findByRole('radiogroup', { name: 'Sprache' });
    expect(within(group).getByRole('radio', { name: 'Deutsch' })).toBeChecked();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    // Back to the system's language: remembered, and the account keeps the language it has.
    await user.click(within(group).getByRole('radio', { name: 'Wie das System (English)' }));
    act(() => answer());
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(api.settings.update).toHaveBeenLastCalledWith({ language: 'system' });
    expect(api.account.update).toHaveBeenCalledTimes(1);
  });

  it('can be chosen from the keyboard', async () => {
    const { api } = createFakeApi({}, signedIn);
    const { user } = renderApp(api, '/settings');
    const english = within(await languageGroup()).getByRole('radio', { name: 'English' });

    english.focus();
    await user.keyboard(' ');
    await waitFor(() => expect(api.settings.update).toHaveBeenCalledWith({ language: 'en' }));
    await user.keyboard('{ArrowDown}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Einstellungen' })).toBeInTheDocument();
    expect(api.settings.update).toHaveBeenLastCalledWith({ language: 'de' });
  });

  it('goes back to the language before, and says so, when the choice cannot be remembered', async () => {
    const { api } = createFakeApi({ settings: { update: async () => failure('INTERNAL') } }, signedIn);
    const { user } = renderApp(api, '/settings');

    await user.click(within(await languageGroup()).getByRole('radio', { name: 'Deutsch' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your choice of language couldn’t be saved, so Palisade went back to the one before. Something went wrong on our side.',
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(within(await languageGroup()).getByRole('radio', { name: 'Same as the system (English)' })).toBeChecked();
    expect(api.account.update).not.toHaveBeenCalled();
  });

  it('keeps the choice but says so when the account cannot take the language', async () => {
    const { api } = createFakeApi({ account: { update: async () => failure('NETWORK_OFFLINE') } }, signedIn);
    const { user } = renderApp(api, '/settings');

    await user.click(within(await languageGroup()).getByRole('radio', { name: 'Deutsch' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/Ihr Konto konnte jedoch nicht aktualisiert werden/);
    expect(screen.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeInTheDocument();
  });

  it('keeps a later choice, quietly, when an earlier one fails to be remembered', async () => {
    const answers: Array<() => void> = [];
    const { api } = createFakeApi(
      {
        settings: {
          update: (input) =>
            new Promise((resolve) =>
              answers.push(() =>
                resolve(input.language === 'de' ? failure('INTERNAL') : ok({ ...defaultSettings, language: input.language ?? 'system' })),
              ),
            ),
        },
      },
      signedIn,
    );
    const { user } = renderApp(api, '/settings');

    await user.click(within(await languageGroup()).getByRole('radio', { name: 'Deutsch' }));
    await user.click(
      within(await screen.findByRole('radiogroup', { name: 'Sprache' })).getByRole('radio', { name: 'English' }),
    );
    act(() => answers.forEach((answer) => answer()));

    // The later choice is what the app speaks and remembers; the earlier one's failure no longer matters.
    await waitFor(() => expect(api.account.update).toHaveBeenCalledWith({ language: 'en' }));
    expect(within(await languageGroup()).getByRole('radio', { name: 'English' })).toBeChecked();
    expect(api.account.update).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
