// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Ticket, TicketThread } from '../../../shared/api/support-tickets';
import type { DiagnosticsPreview } from '../../../shared/contract/tickets';
import { createFakeApi, failure, ok, signedIn } from '../renderer/support/fake-api';
import { renderApp } from '../renderer/support/render-app';

const preview: DiagnosticsPreview = {
  previewId: '11111111-2222-4333-8444-555555555555',
  bytes: 3_000,
  report: {
    collectedAt: '2026-12-03T09:00:00.000Z',
    app: { version: '9.8.7', host: 'electron', platform: 'linux' },
    os: { name: 'Ubuntu 24.04', version: '6.8.0', arch: 'x64' },
    protection: { state: 'protected', protectedUntil: null, leaseExpiresAt: null, lastCheckedAt: null, offline: false, deviceId: 'd-1' },
    log: { lines: ['a line', 'token [redacted] refused'], linesLeftOut: 0, redactions: 1 },
  },
};
const created: TicketThread = {
  id: 'tk-1',
  number: 'T-000007',
  subject: 'Help',
  category: 'billing',
  status: 'open',
  createdAt: '2026-12-03T09:00:00.000Z',
  updatedAt: '2026-12-03T09:00:00.000Z',
  messages: [{ id: 'm1', author: 'customer', authorName: 'Alex', body: 'Charged twice.', createdAt: '2026-12-03T09:00:00.000Z' }],
};

async function fillIn(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByRole('textbox', { name: 'Subject' }, { timeout: 15_000 }), 'Help');
  await user.selectOptions(screen.getByRole('combobox', { name: 'What is it about?' }), 'billing');
  await user.type(screen.getByRole('textbox', { name: 'Your message' }), 'Charged twice.');
}

// The first test loads the screen's lazy chunk, slow on a busy machine.
describe('a new support ticket', { timeout: 20_000 }, () => {
  it('sends no diagnostics unless ticked', async () => {
    const create = vi.fn(async () => ok(created));
    const previewDiagnostics = vi.fn(async () => ok(preview));
    const fake = createFakeApi({ tickets: { create, previewDiagnostics, get: vi.fn(async () => ok(created)) } }, signedIn);
    const { user } = renderApp(fake.api, '/support/tickets/new');
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Send ticket' }));
    await screen.findByRole('heading', { level: 1, name: 'T-000007: Help' }, { timeout: 15_000 });
    expect(previewDiagnostics).not.toHaveBeenCalled();
    expect(create).toHaveBeenCalledTimes(1);
    const input = (create.mock.calls[0] as unknown as [Record<string, unknown>])[0];
    expect(input).toMatchObject({ subject: 'Help', category: 'billing', body: 'Charged twice.' });
    expect(input).not.toHaveProperty('diagnosticsPreviewId');
    expect(input.draftId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the exact JSON that will be sent, with its size, and sends that preview', async () => {
    const create = vi.fn(async () => ok(created));
    const fake = createFakeApi({ tickets: { create, previewDiagnostics: vi.fn(async () => ok(preview)), get: vi.fn(async () => ok(created)) } }, signedIn);
    const { user } = renderApp(fake.api, '/support/tickets/new');
    await fillIn(user);
    await user.click(screen.getByRole('checkbox', { name: 'Attach diagnostics' }));
    expect(await screen.findByText('3 KB, 2 log lines, 1 secret removed')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show what will be sent' }));
    const region = screen.getByRole('region', { name: 'Diagnostics that will be sent' });
    expect(JSON.parse(region.textContent ?? '')).toEqual(preview.report);
    expect(region).toHaveAttribute('tabindex', '0');
    await user.click(screen.getByRole('button', { name: 'Send ticket' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith(expect.objectContaining({ diagnosticsPreviewId: preview.previewId })));
  });

  it('asks for a category, and puts the service’s field problems beside their fields', async () => {
    const create = vi.fn(async () =>
      failure('VALIDATION_FAILED', { details: { fields: { subject: { code: 'too_big', message: 'x', maximum: 200 } } } }),
    );
    const fake = createFakeApi({ tickets: { create } }, signedIn);
    const { user } = renderApp(fake.api, '/support/tickets/new');
    await user.type(await screen.findByRole('textbox', { name: 'Subject' }, { timeout: 15_000 }), 'Help');
    await user.type(screen.getByRole('textbox', { name: 'Your message' }), 'Text.');
    await user.click(screen.getByRole('button', { name: 'Send ticket' }));
    expect(await screen.findByText('Choose what the ticket is about.')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'What is it about?' })).toHaveAttribute('aria-invalid', 'true');
    expect(create).not.toHaveBeenCalled();
    await user.selectOptions(screen.getByRole('combobox', { name: 'What is it about?' }), 'other');
    await user.click(screen.getByRole('button', { name: 'Send ticket' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The ticket was not sent.');
    expect(screen.getByRole('textbox', { name: 'Subject' })).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('the list of support requests', { timeout: 20_000 }, () => {
  const ticket = (n: number, status: Ticket['status']): Ticket => ({
    id: `t${n}`,
    number: `T-00000${n}`,
    subject: `Subject ${n}`,
    category: 'other',
    status,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
  });

  it('shows the tickets as the service ordered them (newest first), with their status, or says there are none', async () => {
    const fake = createFakeApi({ tickets: { list: vi.fn(async () => ok([ticket(2, 'waiting'), ticket(1, 'closed')])) } }, signedIn);
    renderApp(fake.api, '/support/tickets');
    const table = await screen.findByRole('table', { name: 'Your support requests, newest first' }, { timeout: 15_000 });
    const rows = table.querySelectorAll('tbody tr');
    expect([...rows].map((row) => row.textContent)).toEqual([expect.stringMatching(/T-000002Subject 2Answered/), expect.stringMatching(/T-000001Subject 1Closed/)]);
    expect(screen.getByRole('link', { name: 'Subject 2' })).toHaveAttribute('href', '/support/tickets/t2');
  });

  it('says there are none yet', async () => {
    renderApp(createFakeApi({}, signedIn).api, '/support/tickets');
    expect(await screen.findByText(/You have no support requests yet/, {}, { timeout: 15_000 })).toBeInTheDocument();
  });
});
