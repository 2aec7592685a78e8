import { describe, expect, it } from 'vitest';
import { MAX_DIAGNOSTICS_BYTES, ticketListSchema, ticketThreadSchema } from '../../../shared/api/support-tickets';
import { useService } from '../../support/use-service';
import { signedInAccount } from '../protection/protection-fixture';
import { expectError } from '../server/http';

const { api, smtp } = useService();

const newTicket = { subject: 'The scan stops at 40 %', category: 'devices', body: 'Since yesterday\nthe scan stops.' };

describe('a customer’s support tickets', () => {
  it('opens a ticket with a gap-free T-number, e-mails the number, lists it, and a retry with the same Idempotency-Key opens nothing new', async () => {
    const account = await signedInAccount(api, smtp, 'ticket-open');
    const headers = { 'idempotency-key': `ticket-${account.email}` };
    const first = await api.request('POST', '/v1/support/tickets', { json: newTicket, token: account.token, headers });
    expect(first.status).toBe(201);
    const ticket = ticketThreadSchema.parse(first.body);
    expect(ticket).toMatchObject({ subject: newTicket.subject, category: 'devices', status: 'open' });
    expect(ticket.number).toMatch(/^T-\d{6}$/);
    expect(ticket.messages).toEqual([expect.objectContaining({ author: 'customer', body: newTicket.body })]);

    const mail = await smtp.waitForMessage(account.email, { subject: /support ticket/ });
    expect(mail.subject).toBe(`Your support ticket ${ticket.number}`);
    expect(mail.text).toContain(`Your ticket number is ${ticket.number}.`);
    expect(mail.text).toContain(newTicket.subject);

    const again = await api.request('POST', '/v1/support/tickets', { json: newTicket, token: account.token, headers });
    expect(again.status).toBe(201);
    expect(ticketThreadSchema.parse(again.body).id).toBe(ticket.id);

    const second = ticketThreadSchema.parse((await api.post('/v1/support/tickets', { ...newTicket, subject: 'Second' }, account.token)).body);
    expect(Number(second.number.slice(2))).toBe(Number(ticket.number.slice(2)) + 1);
    const list = ticketListSchema.parse((await api.get('/v1/support/tickets', account.token)).body);
    expect(list.map((t) => t.id)).toEqual([second.id, ticket.id]);
    // Exactly one confirmation for the first ticket: the replay queued none.
    expect(smtp.messages().filter((m) => m.to === account.email && m.subject === `Your support ticket ${ticket.number}`)).toHaveLength(1);
  });

  it('answers another account’s ticket as 404, to read, write or close', async () => {
    const owner = await signedInAccount(api, smtp, 'ticket-owner');
    const other = await signedInAccount(api, smtp, 'ticket-other');
    const ticket = ticketThreadSchema.parse((await api.post('/v1/support/tickets', newTicket, owner.token)).body);
    expectError(await api.get(`/v1/support/tickets/${ticket.id}`, other.token), 404, 'NOT_FOUND');
    expectError(await api.post(`/v1/support/tickets/${ticket.id}/messages`, { body: 'Hi' }, other.token), 404, 'NOT_FOUND');
    expectError(await api.post(`/v1/support/tickets/${ticket.id}/close`, undefined, other.token), 404, 'NOT_FOUND');
    expect(ticketListSchema.parse((await api.get('/v1/support/tickets', other.token)).body)).toEqual([]);
    // The owner's ticket is as it was.
    const mine = ticketThreadSchema.parse((await api.get(`/v1/support/tickets/${ticket.id}`, owner.token)).body);
    expect(mine.status).toBe('open');
    expect(mine.messages).toHaveLength(1);
    expectError(await api.get('/v1/support/tickets/not-a-uuid', owner.token), 404, 'NOT_FOUND');
  });

  it('takes replies, and a closed ticket refuses them with 409 TICKET_CLOSED', async () => {
    const account = await signedInAccount(api, smtp, 'ticket-close');
    const ticket = ticketThreadSchema.parse((await api.post('/v1/support/tickets', newTicket, account.token)).body);
    const reply = await api.post(`/v1/support/tickets/${ticket.id}/messages`, { body: 'More detail.' }, account.token);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ author: 'customer', body: 'More detail.' });
    const closed = await api.post(`/v1/support/tickets/${ticket.id}/close`, undefined, account.token);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ id: ticket.id, status: 'closed' });
    expectError(await api.post(`/v1/support/tickets/${ticket.id}/messages`, { body: 'Still there?' }, account.token), 409, 'TICKET_CLOSED');
    const thread = ticketThreadSchema.parse((await api.get(`/v1/support/tickets/${ticket.id}`, account.token)).body);
    expect(thread.messages.map((m) => m.body)).toEqual([newTicket.body, 'More detail.']);
  });

  it('keeps diagnostics up to 256 KB of JSON text and refuses more with 400 naming diagnostics', async () => {
    const account = await signedInAccount(api, smtp, 'ticket-diagnostics');
    const fits = { log: 'x'.repeat(MAX_DIAGNOSTICS_BYTES - 20) };
    expect((await api.post('/v1/support/tickets', { ...newTicket, diagnostics: fits }, account.token)).status).toBe(201);
    const over = { log: 'x'.repeat(MAX_DIAGNOSTICS_BYTES) };
    const details = expectError(await api.post('/v1/support/tickets', { ...newTicket, diagnostics: over }, account.token), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(details)).toContain('diagnostics');
    expect(ticketListSchema.parse((await api.get('/v1/support/tickets', account.token)).body)).toHaveLength(1);
  });

  it('refuses bad input with field details and no token with 401', async () => {
    expectError(await api.get('/v1/support/tickets'), 401, 'UNAUTHORIZED');
    const account = await signedInAccount(api, smtp, 'ticket-bad');
    for (const body of [{}, { ...newTicket, category: 'sales' }, { ...newTicket, subject: '' }, { ...newTicket, subject: 'a\nb' }, { ...newTicket, diagnostics: 'text' }, { ...newTicket, extra: 1 }]) {
      const details = expectError(await api.post('/v1/support/tickets', body, account.token), 400, 'VALIDATION_FAILED');
      expect(details, JSON.stringify(body)).toBeDefined();
    }
  });
});
