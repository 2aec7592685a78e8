// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { accountSessions, createFakeApi, failure, ok, signedIn } from '../support/fake-api';
import { renderApp } from '../support/render-app';
import './patient-queries';

const sessionList = () => screen.findByRole('list', { name: 'Sessions' });

describe('Settings → Security: where you are signed in', () => {
  it('lists the sessions with this device marked and first, and no end button for it', async () => {
    const { api } = createFakeApi({ security: { listSessions: async () => ok([...accountSessions].reverse()) } }, signedIn);
    renderApp(api, '/settings');

    const items = within(await sessionList()).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const [here, other] = items as [HTMLElement, HTMLElement];
    expect(here).toHaveTextContent('Palisade on this laptop');
    expect(within(here).getByText('This device')).toBeInTheDocument();
    expect(within(here).queryByRole('button')).not.toBeInTheDocument();
    expect(other).toHaveTextContent('Palisade on the desktop');
    expect(within(other).queryByText('This device')).not.toBeInTheDocument();
    expect(within(other).getByRole('button', { name: 'End session on Palisade on the desktop' })).toBeInTheDocument();
    // Exact times are in the markup for assistive tech and tooltips.
    expect(other.querySelector('time')).toHaveAttribute('datetime', accountSessions[1]!.createdAt);
  });

  it('ends another session after confirmation, and takes it off the list', async () => {
    let ended = false;
    const { api } = createFakeApi(
      {
        security: {
          listSessions: async () => ok(ended ? accountSessions.filter((s) => s.current) : accountSessions),
          endSession: async () => ((ended = true), ok({ signedOut: false })),
        },
      },
      signedIn,
    );
    const { user } = renderApp(api, '/settings');

    await user.click(within(await sessionList()).getByRole('button', { name: /End session/ }));
    const confirm = await screen.findByRole('alertdialog', { name: 'End this session?' });
    expect(confirm).toHaveTextContent('Palisade on the desktop will be signed out');
    // The safe choice has focus; cancelling changes nothing.
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.security.endSession).not.toHaveBeenCalled();

    await user.click(within(await sessionList()).getByRole('button', { name: /End session/ }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'End session' }));

    expect(api.security.endSession).toHaveBeenCalledWith({ id: 's-desk' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(screen.getByText('Palisade on the desktop is signed out.')).toBeInTheDocument();
    expect(within(await sessionList()).getAllByRole('listitem')).toHaveLength(1);
  });

  it('keeps the confirmation open with the reason when ending fails', async () => {
    const { api } = createFakeApi({ security: { endSession: async () => failure('NETWORK_OFFLINE') } }, signedIn);
    const { user } = renderApp(api, '/settings');

    await user.click(within(await sessionList()).getByRole('button', { name: /End session/ }));
    const confirm = await screen.findByRole('alertdialog');
    await user.click(within(confirm).getByRole('button', { name: 'End session' }));

    expect(await within(confirm).findByRole('alert')).toHaveTextContent('Palisade can’t reach the internet.');
    expect(within(await sessionList()).getAllByRole('listitem')).toHaveLength(2);
  });

  it('signs out everywhere after confirmation, this device included', async () => {
    const { api } = createFakeApi({}, signedIn);
    const { user } = renderApp(api, '/settings');

    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Sign out everywhere?' });
    expect(confirm).toHaveTextContent('this one included');
    await user.click(within(confirm).getByRole('button', { name: 'Sign out everywhere' }));

    expect(api.security.signOutEverywhere).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeInTheDocument();
  });

  it('offers to try again when the list does not load', async () => {
    let down = true;
    const { api } = createFakeApi({ security: { listSessions: async () => (down ? failure('TIMEOUT') : ok(accountSessions)) } }, signedIn);
    const { user } = renderApp(api, '/settings');

    const alert = await screen.findByText(/We couldn’t load your sessions/);
    expect(alert).toHaveTextContent('Palisade didn’t hear back in time.');
    down = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(within(await sessionList()).getAllByRole('listitem')).toHaveLength(2);
  });
});
