// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../shared/contract/settings';
import { createFakeApi, failure, ok, signedIn } from './support/fake-api';
import { renderApp } from './support/render-app';
import './security/patient-queries';

/** A main process that remembers what it is told, as the settings service does. */
function renderSettings(host: 'electron' | 'browser' = 'electron', start: Settings = defaultSettings) {
  let stored = start;
  const fake = createFakeApi(
    {
      settings: {
        get: async () => ok(stored),
        update: async (patch) => ok((stored = { ...stored, ...(patch as Partial<Settings>) })),
      },
      app: { info: async () => ok({ version: '0.1.0', platform: 'linux' as const, host, online: true }) },
    },
    signedIn,
  );
  return { ...fake, ...renderApp(fake.api, '/settings'), stored: () => stored };
}

describe('Settings → Updates, Notifications and Desktop', () => {
  it('shows the stored update mode as a labelled radio group and remembers a choice made by keyboard', async () => {
    const { api, user, stored } = renderSettings('electron', { ...defaultSettings, updates: 'notify' });
    const group = await screen.findByRole('radiogroup', { name: 'How Palisade updates itself' });
    await waitFor(() => expect(within(group).getByRole('radio', { name: /^Tell me/ })).toBeChecked());
    expect(within(group).getByRole('radio', { name: /^Install automatically/ })).toHaveAccessibleDescription(
      /download in the background/,
    );
    within(group).getByRole('radio', { name: /^Tell me/ }).focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(within(group).getByRole('radio', { name: /^Off/ })).toBeChecked());
    expect(api.settings.update).toHaveBeenLastCalledWith({ updates: 'off' });
    expect(stored().updates).toBe('off');
  });

  it('has a labelled switch per notification kind and sends the whole set with one switched off', async () => {
    const { api, user, stored } = renderSettings();
    const list = await screen.findByRole('list', { name: 'Notifications' });
    const boxes = within(list).getAllByRole('checkbox');
    expect(boxes.map((box) => box.closest('label')?.textContent)).toEqual([
      'Protection ends soon (30, 7 and 1 days before)',
      'Protection has ended',
      'This computer was removed on another device',
      'An update is ready to install',
      'Support replied to your question',
    ]);
    await waitFor(() => expect(boxes.every((box) => (box as HTMLInputElement).checked)).toBe(true));
    const removed = within(list).getByRole('checkbox', { name: 'This computer was removed on another device' });
    removed.focus();
    await user.keyboard(' ');
    await waitFor(() => expect(removed).not.toBeChecked());
    expect(api.settings.update).toHaveBeenLastCalledWith({
      notifications: { ...defaultSettings.notifications, removedElsewhere: false },
    });
    expect(stored().notifications.removedElsewhere).toBe(false);
  });

  it('offers close to tray and start at login in the desktop app, each remembered', async () => {
    const { user, stored } = renderSettings();
    const list = await screen.findByRole('list', { name: 'Desktop' });
    const tray = within(list).getByRole('checkbox', { name: /Keep running in the tray/ });
    await waitFor(() => expect(tray).toBeEnabled());
    expect(tray).not.toBeChecked();
    await user.click(tray);
    await user.click(within(list).getByRole('checkbox', { name: /Start Palisade when you sign in/ }));
    await waitFor(() => expect(stored()).toMatchObject({ closeToTray: true, startAtLogin: true }));
    expect(tray).toBeChecked();
  });

  it('does not show the desktop switches in the browser host, where they would do nothing', async () => {
    renderSettings('browser');
    await screen.findByRole('list', { name: 'Notifications' });
    await waitFor(() => expect(screen.getByRole('radiogroup', { name: 'How Palisade updates itself' })).toBeInTheDocument());
    expect(screen.queryByRole('heading', { name: 'Desktop' })).not.toBeInTheDocument();
  });

  it('says so when a choice could not be saved, and keeps showing what is remembered', async () => {
    const fake = createFakeApi(
      {
        settings: { get: async () => ok(defaultSettings), update: async () => failure('INTERNAL') },
        app: { info: async () => ok({ version: '0.1.0', platform: 'linux' as const, host: 'electron' as const, online: true }) },
      },
      signedIn,
    );
    const { user } = renderApp(fake.api, '/settings');
    const list = await screen.findByRole('list', { name: 'Notifications' });
    const box = within(list).getByRole('checkbox', { name: 'Protection has ended' });
    await waitFor(() => expect(box).toBeChecked());
    await user.click(box);
    expect(await screen.findByText(/Your notification choices couldn’t be saved/)).toBeInTheDocument();
    expect(box).toBeChecked();
  });

  it('speaks German', async () => {
    const { user } = renderSettings('electron', { ...defaultSettings, language: 'de' });
    await user.click(await screen.findByRole('radio', { name: 'Deutsch' }));
    expect(await screen.findByRole('radiogroup', { name: 'Wie sich Palisade aktualisiert' })).toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: 'Der Schutz ist abgelaufen' })).toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: /Beim Schließen des Fensters/ })).toBeInTheDocument();
  });
});
