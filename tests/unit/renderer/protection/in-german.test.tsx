// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLanguageStore } from '../../../../renderer/src/i18n/language-store';
import { createFakeApi, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import { daysFromNow, device, protectedState, resetProtectionStoreBeforeEach, subscription } from './fixtures';
import { defaultSettings } from '../../../../shared/contract/settings';

resetProtectionStoreBeforeEach();

afterEach(() => useLanguageStore.getState().chose('system'));

/** Settings → Language says German: the app speaks it from the first answer on. */
const german = { settings: { get: async () => ok({ ...defaultSettings, language: 'de' as const }) } };

/** The app, signed in, speaking German at `path`. */
function renderInGerman(overrides: Parameters<typeof createFakeApi>[0], path: string) {
  const fake = createFakeApi({ ...german, ...overrides }, signedIn);
  const view = renderApp(fake.api, path);
  useLanguageStore.getState().chose('de');
  return { ...fake, ...view };
}

/** "12. März 2027": the date as German readers write it. */
const germanDate = (iso: string) => new Intl.DateTimeFormat('de', { dateStyle: 'long' }).format(new Date(iso));

describe('In German', { timeout: 15000 }, () => {
  it('says this computer is protected until a German date, with German buttons', async () => {
    const laptop = device('Alex’ Laptop', { platform: 'macos' });
    const state = protectedState(laptop, { protectedUntil: '2027-03-12T12:00:00.000Z' });
    renderInGerman(
      {
        thisComputer: { status: async () => ok(state) },
        subscriptions: { list: async () => ok([subscription()]) },
      },
      '/this-computer',
    );

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Dieser Computer ist geschützt' }, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(germanDate(state.protectedUntil as string)).toBe('12. März 2027');
    expect(screen.getByText(/ist bis zum/)).toHaveTextContent('Alex’ Laptop ist bis zum 12. März 2027 geschützt.');
    expect(screen.getByRole('button', { name: 'Jetzt prüfen' })).toBeInTheDocument();
    expect(screen.getByText('Was dieser Computer übermittelt', { selector: 'summary' })).toBeInTheDocument();
  });

  it('lists devices with German counts, platform names and "last seen", and asks to deactivate in German', async () => {
    const tablet = device('Sams iPad', { platform: 'ios', os: 'iPadOS 18', lastSeenAt: daysFromNow(-3) });
    const desk = device('Schreibtisch-PC', { status: 'deactivated' });
    const { user } = renderInGerman(
      { devices: { list: async () => ok({ devices: [tablet, desk], thisDeviceId: null }) } },
      '/devices',
    );

    const list = await screen.findByRole('list', { name: 'Geräte' }, { timeout: 5000 });
    expect(screen.getByText('2 Geräte in Ihrem Konto, davon 1 geschützt.')).toBeInTheDocument();
    const row = within(list).getByText('Sams iPad').closest('[role="listitem"]') as HTMLElement;
    expect(row).toHaveTextContent('iPhone und iPad · iPadOS 18 · zuletzt gesehen vor 3 Tagen');
    expect(row).toHaveTextContent('Aktiv');

    await user.click(within(row).getByRole('button', { name: 'Sams iPad deaktivieren' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Sams iPad deaktivieren?' });
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining('Sams iPad ist dann nicht mehr geschützt'));
    expect(within(dialog).getByRole('button', { name: 'Behalten' })).toBeInTheDocument();
  });
});
