import { afterEach, describe, expect, it } from 'vitest';
import { agentTicketListSchema, agentTicketThreadSchema } from '../../../shared/api/support-agents';
import { ticketSchema, ticketThreadSchema } from '../../../shared/api/support-tickets';
import { useService } from '../../support/use-service';
import { ofType, type OpenStream, openStream } from '../events/event-stream-client';
import { signedInAccount } from '../protection/protection-fixture';
import { type Client, expectError } from '../server/http';
import { signedInAgent } from './agent-fixture';

const { service, api, smtp } = useService();
const streams: OpenStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));

const newTicket = { subject: 'The scan stops at 40 %', category: 'devices', body: 'Since yesterday the scan stops.' };

async function openTicket(client: Client, token: string, extra: Record<string, unknown> = {}) {
  const answer = await client.post('/v1/support/tickets', { ...newTicket, ...extra }, token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return ticketThreadSchema.parse(answer.body);
}

const agent = () => signedInAgent(api, service.services.db, service.url);

describe('support agents’ routes', () => {
  it('customer-token-cannot-reach-agent-routes: every /v1/agent route is 403 FORBIDDEN for a customer and 401 without a token', async () => {
    const customer = await signedInAccount(api, smtp, 'agent-guard');
    const ticket = await openTicket(api, customer.token);
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/agent/tickets'],
      ['GET', '/v1/agent/tickets?status=open'],
      ['GET', `/v1/agent/tickets/${ticket.id}`],
      ['POST', `/v1/agent/tickets/${ticket.id}/messages`, { body: 'I am support, honestly.' }],
      ['PATCH', `/v1/agent/tickets/${ticket.id}`, { status: 'closed' }],
    ];
    for (const [method, path, json] of routes) {
      expectError(await api.request(method, path, { token: customer.token, ...(json !== undefined && { json }) }), 403, 'FORBIDDEN');
      expectError(await api.request(method, path, json !== undefined ? { json } : {}), 401, 'UNAUTHORIZED');
    }
    // Nothing the refused requests asked for happened.
    const after = ticketThreadSchema.parse((await api.get(`/v1/support/tickets/${ticket.id}`, customer.token)).body);
    expect(after.status).toBe('open');
    expect(after.messages).toHaveLength(1);
    expect(smtp.messages().filter((m) => m.to === customer.email && /reply/.test(m.subject))).toEqual([]);
    // The same routes answer an agent: the 403 was the guard, not a broken route.
    const staff = await agent();
    expect((await api.get(`/v1/agent/tickets/${ticket.id}`, staff.token)).status).toBe(200);
  });

  it('lists every account’s tickets, oldest waiting first, with the customer’s name and e-mail, and filters by status', async () => {
    const staff = await agent();
    const anna = await signedInAccount(api, smtp, 'agent-queue-a');
    const ben = await signedInAccount(api, smtp, 'agent-queue-b');
    const first = await openTicket(api, anna.token, { subject: 'First' });
    const second = await openTicket(api, ben.token, { subject: 'Second' });
    const third = await openTicket(api, anna.token, { subject: 'Third' });
    // Answered, the first ticket waits on its customer and goes to the back.
    expect((await api.post(`/v1/agent/tickets/${first.id}/messages`, { body: 'Which version?' }, staff.token)).status).toBe(201);

    const ours = new Set([first.id, second.id, third.id]);
    const all = agentTicketListSchema.parse((await api.get('/v1/agent/tickets', staff.token)).body).filter((t) => ours.has(t.id));
    expect(all.map((t) => t.subject)).toEqual(['Second', 'Third', 'First']);
    expect(all[0]!.customer).toEqual({ name: expect.any(String), email: ben.email });
    expect(all[1]!.customer.email).toBe(anna.email);

    const open = agentTicketListSchema.parse((await api.get('/v1/agent/tickets?status=open', staff.token)).body);
    expect(open.every((t) => t.status === 'open')).toBe(true);
    expect(open.filter((t) => ours.has(t.id)).map((t) => t.id)).toEqual([second.id, third.id]);
    const waiting = agentTicketListSchema.parse((await api.get('/v1/agent/tickets?status=waiting', staff.token)).body);
    expect(waiting.map((t) => t.id)).toContain(first.id);
    expect(waiting.every((t) => t.status === 'waiting')).toBe(true);

    const details = expectError(await api.get('/v1/agent/tickets?status=pending', staff.token), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(details)).toContain('status');
  });

  it('shows the thread with its diagnostics; a reply makes it waiting, e-mails its text, and the customer’s stream hears ticket.updated', async () => {
    const staff = await agent();
    const customer = await signedInAccount(api, smtp, 'agent-reply');
    const diagnostics = { appVersion: '1.4.0', os: 'Windows 11', log: ['scan started', 'scan stopped'] };
    const ticket = await openTicket(api, customer.token, { diagnostics });
    const read = agentTicketThreadSchema.parse((await api.get(`/v1/agent/tickets/${ticket.id}`, staff.token)).body);
    expect(read).toMatchObject({ id: ticket.id, number: ticket.number, customer: { email: customer.email }, diagnostics });
    expect(read.messages.map((m) => m.body)).toEqual([newTicket.body]);
    const without = await openTicket(api, customer.token);
    expect(agentTicketThreadSchema.parse((await api.get(`/v1/agent/tickets/${without.id}`, staff.token)).body).diagnostics).toBeNull();

    const stream = await openStream(service.url, customer.token);
    streams.push(stream);
    await stream.next(ofType('ready'));

    const text = 'Please update to 1.4.1:\nthe scan then finishes.';
    const reply = await api.post(`/v1/agent/tickets/${ticket.id}/messages`, { body: text }, staff.token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ author: 'agent', authorName: staff.name, body: text });
    expect((await stream.next(ofType('ticket.updated'))).data).toEqual({ ticketId: ticket.id });

    const mail = await smtp.waitForMessage(customer.email, { subject: /A reply to your support ticket/ });
    expect(mail.subject).toBe(`A reply to your support ticket ${ticket.number}`);
    expect(mail.text).toContain(`${staff.name} from Palisade support answered your ticket ${ticket.number}:`);
    expect(mail.text).toContain('Please update to 1.4.1:');
    expect(mail.text).toContain('the scan then finishes.');

    const thread = ticketThreadSchema.parse((await api.get(`/v1/support/tickets/${ticket.id}`, customer.token)).body);
    expect(thread.status).toBe('waiting');
    expect(thread.messages.map((m) => [m.author, m.body])).toEqual([['customer', newTicket.body], ['agent', text]]);

    // The customer writes back: support's turn again.
    expect((await api.post(`/v1/support/tickets/${ticket.id}/messages`, { body: 'Updated, it works.' }, customer.token)).status).toBe(201);
    expect(ticketThreadSchema.parse((await api.get(`/v1/support/tickets/${ticket.id}`, customer.token)).body).status).toBe('open');
  });

  it('changes the status (ticket.updated), refuses bad statuses with field details, a closed ticket refuses replies, and an unknown one is 404', async () => {
    const staff = await agent();
    const customer = await signedInAccount(api, smtp, 'agent-status');
    const ticket = await openTicket(api, customer.token);
    const stream = await openStream(service.url, customer.token);
    streams.push(stream);
    await stream.next(ofType('ready'));

    for (const bad of [{ status: 'done' }, {}, { status: 'solved', subject: 'x' }, { status: 3 }]) {
      const details = expectError(await api.patch(`/v1/agent/tickets/${ticket.id}`, bad, staff.token), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(details), JSON.stringify(bad)).toMatch(/status|subject/);
    }
    const solved = await api.patch(`/v1/agent/tickets/${ticket.id}`, { status: 'solved' }, staff.token);
    expect(solved.status, JSON.stringify(solved.body)).toBe(200);
    expect(ticketSchema.parse(solved.body)).toMatchObject({ id: ticket.id, status: 'solved' });
    expect((await stream.next(ofType('ticket.updated'))).data).toEqual({ ticketId: ticket.id });
    expect(ticketThreadSchema.parse((await api.get(`/v1/support/tickets/${ticket.id}`, customer.token)).body).status).toBe('solved');

    expect((await api.patch(`/v1/agent/tickets/${ticket.id}`, { status: 'closed' }, staff.token)).status).toBe(200);
    expectError(await api.post(`/v1/agent/tickets/${ticket.id}/messages`, { body: 'One more thing' }, staff.token), 409, 'TICKET_CLOSED');
    expectError(await api.post(`/v1/agent/tickets/${ticket.id}/messages`, { body: '' }, staff.token), 400, 'VALIDATION_FAILED');

    const missing = '00000000-0000-4000-8000-000000000000';
    expectError(await api.get(`/v1/agent/tickets/${missing}`, staff.token), 404, 'NOT_FOUND');
    expectError(await api.patch(`/v1/agent/tickets/${missing}`, { status: 'open' }, staff.token), 404, 'NOT_FOUND');
    expectError(await api.post(`/v1/agent/tickets/not-a-uuid/messages`, { body: 'Hi' }, staff.token), 404, 'NOT_FOUND');
  });
});
