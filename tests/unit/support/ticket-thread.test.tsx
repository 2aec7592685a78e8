// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { TicketThread } from '../../../shared/api/support-tickets';
import { createFakeApi, failure, ok, signedIn } from '../renderer/support/fake-api';
import { findStatus, renderApp } from '../renderer/support/render-app';

const thread: TicketThread = {
  id: '3f2c8a10-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  number: 'T-000042',
  subject: 'Protection stopped',
  category: 'devices',
  status: 'waiting',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:00.000Z',
  messages: [
    { id: 'm1', author: 'customer', authorName: 'Alex Morgan', body: 'It stopped.', createdAt: '2026-12-01T10:00:00.000Z' },
    { id: 'm2', author: 'agent', authorName: 'Sam Support', body: 'Try a restart.', createdAt: '2026-12-02T10:00:00.000Z' },
  ],
};
const path = `/support/tickets/${thread.id}`;

// The first test loads the screen's lazy chunk, slow on a busy machine.
describe('a support ticket’s thread', { timeout: 20_000 }, () => {
  it('shows who wrote what, tells the main process which ticket is on screen, and forgets it on leaving', async () => {
    const fake = createFakeApi({ tickets: { get: vi.fn(async () => ok(thread)) } }, signedIn);
    const { user } = renderApp(fake.api, path);
    expect(await screen.findByRole('heading', { level: 1, name: 'T-000042: Protection stopped' }, { timeout: 15_000 })).toBeInTheDocument();
    const messages = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    expect(messages).toHaveLength(2);
    expect(within(messages[1]!).getByRole('heading', { name: /^Sam Support \(support\), / })).toBeInTheDocument();
    expect(screen.getByText('Answered')).toBeInTheDocument();
    await waitFor(() => expect(fake.api.tickets.viewing).toHaveBeenLastCalledWith({ id: thread.id }));
    await user.click(screen.getByRole('link', { name: 'Back to your support requests' }));
    await screen.findByRole('heading', { level: 1, name: 'Your support requests' }, { timeout: 15_000 });
    await waitFor(() => expect(fake.api.tickets.viewing).toHaveBeenLastCalledWith({}));
  });

  it('reads the ticket again when support answers it (tickets.changed), and only for this ticket', async () => {
    const get = vi.fn(async () => ok(thread));
    const fake = createFakeApi({ tickets: { get } }, signedIn);
    renderApp(fake.api, path);
    await screen.findByRole('heading', { level: 1, name: 'T-000042: Protection stopped' });
    const before = get.mock.calls.length;
    await act(async () => fake.emit('tickets.changed', { ticketId: 'another' }));
    expect(get.mock.calls.length).toBe(before);
    await act(async () => fake.emit('tickets.changed', { ticketId: thread.id }));
    await waitFor(() => expect(get.mock.calls.length).toBe(before + 1));
  });

  it('a reply to a ticket closed meanwhile (409 TICKET_CLOSED) says to open a new ticket, and keeps the text', async () => {
    let current: TicketThread = thread;
    const fake = createFakeApi(
      {
        tickets: {
          get: vi.fn(async () => ok(current)),
          reply: vi.fn(async () => {
            current = { ...thread, status: 'closed' };
            return failure('TICKET_CLOSED');
          }),
        },
      },
      signedIn,
    );
    const { user } = renderApp(fake.api, path);
    await screen.findByRole('heading', { level: 1, name: 'T-000042: Protection stopped' });
    await user.type(screen.getByRole('textbox', { name: 'Your reply' }), 'Still broken.');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This ticket was closed, so your reply was not sent. Open a new ticket to write to support again');
    expect(within(alert).getByRole('link', { name: 'Open a new ticket' })).toHaveAttribute('href', '/support/tickets/new');
    expect(screen.getByRole('textbox', { name: 'Your reply' })).toHaveValue('Still broken.');
    await waitFor(() => expect(screen.getByText('Closed')).toBeInTheDocument());
  });

  it('closes after a confirmation that starts on the safe choice', async () => {
    const close = vi.fn(async () => ok({ ...thread, status: 'closed' as const }));
    const fake = createFakeApi({ tickets: { get: vi.fn(async () => ok(thread)), close } }, signedIn);
    const { user } = renderApp(fake.api, path);
    await screen.findByRole('heading', { level: 1, name: 'T-000042: Protection stopped' });
    await user.click(screen.getByRole('button', { name: 'Close ticket' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Close ticket T-000042?' });
    expect(within(dialog).getByRole('button', { name: 'Keep it open' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Close ticket' }));
    expect(close).toHaveBeenCalledWith({ id: thread.id });
    await findStatus('Ticket T-000042 is closed.');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(screen.getByText(/To write to support again, open a new ticket\./)).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Your reply' })).not.toBeInTheDocument();
    // The button that opened the dialog is gone: focus lands on the page's heading, not on nothing.
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  });
});
