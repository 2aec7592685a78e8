import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentTicketThreadSchema } from '../../../shared/api/support-agents';
import type { TicketMessage, TicketThread } from '../../../shared/api/support-tickets';
import type { DiagnosticsPreview } from '../../../shared/contract/tickets';
import type { EventName } from '../../../shared/contract/types';
import type { Result } from '../../../shared/errors';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { silentLogger } from '../../../electron/services/log/logger';
import type { SupportReply } from '../../../electron/services/support/tickets-replies';
import { createMemoryVault } from '../../../electron/services/vault/memory-vault';
import { useService } from '../../support/use-service';
import { confirmedAccount } from '../server/http';
import { signedInAgent } from './agent-fixture';

const { service, api, smtp } = useService();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** The desktop app's main process minus Electron, signed in, with a log file of its own. */
async function signedInDesktop(label: string) {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-tickets-'));
  const logFile = join(dir, 'palisade.log');
  const person = await confirmedAccount(api, smtp, label, 'Ticket Writer');
  const services: AppServices = createAppServices({
    apiBaseUrl: service.url,
    vault: createMemoryVault(),
    appInfo: { version: '0.1.0', platform: 'linux', host: 'browser' },
    logger: silentLogger,
    openExternal: async () => {},
    logFile,
    machineSeed: label,
    timeoutMs: 5_000,
    retryBaseDelayMs: 20,
    eventsKeepAliveMs: 1_000,
  });
  const pushed: { name: EventName; payload: unknown }[] = [];
  services.events.subscribe((name, payload) => pushed.push({ name, payload }));
  services.start();
  cleanups.push(() => {
    services.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const call = <T>(channel: string, input: unknown = {}) => services.dispatcher.dispatch(channel, input) as Promise<Result<T>>;
  const value = async <T>(channel: string, input: unknown = {}) => {
    const result = await call<T>(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  await value('auth.signIn', { email: person.email, password: person.password });
  return { services, person, logFile, pushed, call, value };
}

const ticket = { subject: 'The scan stops at 40 %', category: 'devices', body: 'Since yesterday the scan stops.' } as const;

describe('support tickets from the desktop app, against the service', () => {
  it('sends exactly the diagnostics that were previewed, even after the log grew', async () => {
    const desktop = await signedInDesktop('tickets-preview');
    appendFileSync(desktop.logFile, `2026-12-03T08:00:00.000Z info  [host] before the preview, ${desktop.person.email}\n`);
    const preview = await desktop.value<DiagnosticsPreview>('tickets.previewDiagnostics');
    appendFileSync(desktop.logFile, '2026-12-03T08:00:05.000Z info  [host] after the preview: not shown, so not sent\n');
    const created = await desktop.value<TicketThread>('tickets.create', { ...ticket, draftId: crypto.randomUUID(), diagnosticsPreviewId: preview.previewId });

    const agent = await signedInAgent(api, service.services.db, service.url);
    const seen = agentTicketThreadSchema.parse((await api.get(`/v1/agent/tickets/${created.id}`, agent.token)).body);
    expect(seen.diagnostics).toEqual(preview.report);
    expect(JSON.stringify(seen.diagnostics)).not.toContain('after the preview');
    expect(preview.bytes).toBe(Buffer.byteLength(JSON.stringify(preview.report)));
  });

  it('double-click-makes-one-ticket: the same draft sent twice at once is one ticket and one e-mail', async () => {
    const desktop = await signedInDesktop('tickets-double');
    const draftId = crypto.randomUUID();
    const [first, second] = await Promise.all([
      desktop.value<TicketThread>('tickets.create', { ...ticket, draftId }),
      desktop.value<TicketThread>('tickets.create', { ...ticket, draftId }),
    ]);
    expect(second.id).toBe(first.id);
    const list = await desktop.value<{ id: string }[]>('tickets.list');
    expect(list.map((t) => t.id)).toEqual([first.id]);
    await smtp.waitForMessage(desktop.person.email, { subject: new RegExp(first.number) });
    // A moment for a second e-mail, were one coming.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages().filter((m) => m.to === desktop.person.email.toLowerCase() && m.subject.includes(first.number))).toHaveLength(1);
  });

  it('a preview that is not kept is refused with its field named, and no ticket is made', async () => {
    const desktop = await signedInDesktop('tickets-unknown-preview');
    const result = await desktop.call('tickets.create', { ...ticket, draftId: crypto.randomUUID(), diagnosticsPreviewId: crypto.randomUUID() });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: { diagnosticsPreviewId: {} } } } });
    expect(await desktop.value('tickets.list')).toEqual([]);
  });

  it('words the service’s refusals as typed errors: a blank subject, someone else’s ticket, a reply after close', async () => {
    const desktop = await signedInDesktop('tickets-errors');
    const blank = await desktop.call('tickets.create', { ...ticket, subject: '   ', draftId: crypto.randomUUID() });
    expect(blank).toMatchObject({ ok: false, error: { details: { fields: { subject: {} } } } });

    const other = await signedInDesktop('tickets-errors-other');
    const theirs = await other.value<TicketThread>('tickets.create', { ...ticket, draftId: crypto.randomUUID() });
    expect(await desktop.call('tickets.get', { id: theirs.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await desktop.call('tickets.close', { id: theirs.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const mine = await desktop.value<TicketThread>('tickets.create', { ...ticket, draftId: crypto.randomUUID() });
    const reply = await desktop.value<TicketMessage>('tickets.reply', { id: mine.id, body: 'One more thing.' });
    expect(reply).toMatchObject({ author: 'customer', body: 'One more thing.' });
    expect(await desktop.value('tickets.close', { id: mine.id })).toMatchObject({ status: 'closed' });
    expect(await desktop.call('tickets.reply', { id: mine.id, body: 'Hello?' })).toMatchObject({ ok: false, error: { code: 'TICKET_CLOSED' } });
  });

  it('an agent’s reply arrives as tickets.changed and as a reply to notify, with the ticket’s subject', async () => {
    const desktop = await signedInDesktop('tickets-reply-event');
    const replies: SupportReply[] = [];
    cleanups.push(desktop.services.tickets.onReply((reply) => replies.push(reply)));
    const mine = await desktop.value<TicketThread>('tickets.create', { ...ticket, draftId: crypto.randomUUID() });
    await expect.poll(() => desktop.services.accountEvents.connected(), { timeout: 10_000 }).toBe(true);

    const agent = await signedInAgent(api, service.services.db, service.url);
    const answer = await api.post(`/v1/agent/tickets/${mine.id}/messages`, { body: 'Please restart once.' }, agent.token);
    expect(answer.status).toBe(201);
    const replyId = (answer.body as { id: string }).id;

    await expect
      .poll(() => desktop.pushed.some((e) => e.name === 'tickets.changed' && (e.payload as { ticketId: string }).ticketId === mine.id), { timeout: 10_000 })
      .toBe(true);
    await expect.poll(() => replies, { timeout: 10_000 }).toEqual([{ ticketId: mine.id, subject: ticket.subject, replyId }]);
    const thread = await desktop.value<TicketThread>('tickets.get', { id: mine.id });
    expect(thread).toMatchObject({ status: 'waiting' });
    expect(thread.messages.at(-1)).toMatchObject({ author: 'agent', body: 'Please restart once.' });
  });
});
