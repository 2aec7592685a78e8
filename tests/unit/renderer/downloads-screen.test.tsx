// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Download } from '../../../shared/api/downloads';
import type { DownloadProgress } from '../../../shared/contract/downloads';
import { useDownloadsStore } from '../../../renderer/src/stores/downloads-store';
import { createFakeApi, ok, signedIn } from './support/fake-api';
import { renderApp } from './support/render-app';

const sha = 'c'.repeat(64);
const installer = (platform: 'windows' | 'linux', id: string): Download => ({
  id,
  product: 'Palisade',
  platform,
  version: '2.1.0',
  releasedAt: '2026-11-01T10:00:00.000Z',
  minimumOs: 'x',
  instructions: [],
  fileName: platform === 'linux' ? 'Palisade-2.1.0.AppImage' : 'Palisade Setup 2.1.0.exe',
  size: 4_200_000,
  sha256: sha,
  url: `/v1/downloads/${id}/file`,
});
const phone = (platform: 'android' | 'ios'): Download => ({
  id: platform,
  product: 'Palisade',
  platform,
  minimumOs: 'x',
  instructions: [],
  storeUrl: platform === 'android' ? 'https://play.google.com/store/apps/details?id=test.palisade.app' : 'https://apps.apple.com/app/palisade/id1',
});

const progress = (patch: Partial<DownloadProgress>): DownloadProgress => ({
  id: 'op-1',
  releaseId: 'rel-linux',
  platform: 'linux',
  fileName: 'Palisade-2.1.0.AppImage',
  state: 'running',
  done: 0,
  total: 4_200_000,
  ...patch,
});

beforeEach(() => useDownloadsStore.setState(useDownloadsStore.getInitialState(), true));

function renderDownloads() {
  const fake = createFakeApi(
    {
      downloads: {
        list: async () => ok({ thisPlatform: 'linux' as const, items: [installer('linux', 'rel-linux'), installer('windows', 'rel-win'), phone('android'), phone('ios')] }),
        start: async () => ok({ id: 'op-1' }),
        showInFolder: async () => ok({ path: '/home/alex/Downloads/Palisade-2.1.0.AppImage', shown: false }),
      },
    },
    signedIn,
  );
  return { ...fake, ...renderApp(fake.api, '/downloads') };
}

describe('the downloads screen', () => {
  it('shows this computer’s installer first, the others after, and the phones with their QR codes', async () => {
    renderDownloads();
    const first = await screen.findByRole('region', { name: 'For this computer' });
    expect(within(first).getByRole('article', { name: 'Palisade for Linux' })).toHaveTextContent('Version 2.1.0, 4.2 MB');
    expect(within(screen.getByRole('region', { name: 'For your other computers' })).getByRole('article', { name: 'Palisade for Windows' })).toBeInTheDocument();
    const phones = screen.getByRole('region', { name: 'For phones and tablets' });
    expect(await within(phones).findByRole('img', { name: 'QR code: Palisade for Android in Google Play' })).toBeInTheDocument();
    expect(within(phones).getByRole('button', { name: 'E-mail me the link to Palisade for iPhone and iPad' })).toBeInTheDocument();
    expect(within(first).getByRole('heading', { name: 'Activate Palisade on Linux, step by step' })).toBeInTheDocument();
  });

  it('starts a download from the keyboard, shows its progress, and offers pause only while it runs', async () => {
    const { api, emit, user } = renderDownloads();
    const card = within(await screen.findByRole('region', { name: 'For this computer' }));
    await user.tab();
    card.getByRole('button', { name: 'Download Palisade for Linux' }).focus();
    await user.keyboard('{Enter}');
    expect(api.downloads.start).toHaveBeenCalledWith({ releaseId: 'rel-linux' });
    act(() => emit('downloads.progress', progress({ done: 2_100_000 })));
    expect(card.getByRole('progressbar', { name: 'Download of Palisade for Linux' })).toHaveAttribute('value', '2100000');
    expect(card.getByText('Downloading: 2.1 MB of 4.2 MB')).toBeInTheDocument();
    expect(card.getByRole('button', { name: 'Pause the download for Linux' })).toBeInTheDocument();
    act(() => emit('downloads.progress', progress({ state: 'paused', done: 2_100_000 })));
    expect(card.queryByRole('button', { name: 'Pause the download for Linux' })).not.toBeInTheDocument();
    expect(card.getByRole('button', { name: 'Resume the download for Linux' })).toBeInTheDocument();
  });

  it('says plainly that a file which is not the published one was deleted, and offers it again, not resume', async () => {
    const { emit, user } = renderDownloads();
    const card = within(await screen.findByRole('region', { name: 'For this computer' }));
    await user.click(card.getByRole('button', { name: 'Download Palisade for Linux' }));
    act(() => emit('downloads.progress', progress({ state: 'failed', failure: 'mismatch', done: 4_200_000, error: { code: 'UNKNOWN', message: 'x' } })));
    expect(card.getByRole('status')).toHaveTextContent('The downloaded file is not the one that was published, so it was deleted. Try again.');
    expect(card.queryByRole('button', { name: 'Resume the download for Linux' })).not.toBeInTheDocument();
    expect(card.getByRole('button', { name: 'Download again: Palisade for Linux' })).toBeInTheDocument();
  });

  it('once checked, offers Open and Show in folder, and says where the file is when no file manager can show it', async () => {
    const { api, emit, user } = renderDownloads();
    const card = within(await screen.findByRole('region', { name: 'For this computer' }));
    await user.click(card.getByRole('button', { name: 'Download Palisade for Linux' }));
    act(() => emit('downloads.progress', progress({ state: 'verifying', done: 4_200_000 })));
    expect(card.getByRole('status')).toHaveTextContent('Checking the downloaded file…');
    expect(card.queryByRole('button', { name: 'Open the installer for Linux' })).not.toBeInTheDocument();
    act(() => emit('downloads.progress', progress({ state: 'done', done: 4_200_000, path: '/home/alex/Downloads/Palisade-2.1.0.AppImage' })));
    expect(card.getByRole('status')).toHaveTextContent('Ready: Palisade-2.1.0.AppImage is in your Downloads folder, complete and checked.');
    expect(card.getByRole('button', { name: 'Open the installer for Linux' })).toBeInTheDocument();
    await user.click(card.getByRole('button', { name: 'Show in folder: Palisade for Linux' }));
    expect(api.downloads.showInFolder).toHaveBeenCalledWith({ id: 'op-1' });
    expect(await card.findByText('It is in /home/alex/Downloads/Palisade-2.1.0.AppImage.')).toBeInTheDocument();
  });

  it('finds a download the main process already has when the window opens again', async () => {
    const fake = createFakeApi(
      {
        downloads: {
          list: async () => ok({ thisPlatform: 'linux' as const, items: [installer('linux', 'rel-linux')] }),
          current: async () => ok([progress({ state: 'paused', done: 1_000_000 })]),
        },
      },
      signedIn,
    );
    renderApp(fake.api, '/downloads');
    const card = within(await screen.findByRole('region', { name: 'For this computer' }));
    expect(await card.findByRole('status')).toHaveTextContent('Paused at 1 MB of 4.2 MB');
  });
});
