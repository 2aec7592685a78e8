import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ticketListSchema } from '../../../shared/api/support-tickets';
import { startService } from '../../support/service';
import { startSmtpCapture } from '../../support/smtp';
import { useService } from '../../support/use-service';
import { signedInAccount } from '../protection/protection-fixture';
import { client } from '../server/http';
import { signedInAgent } from './agent-fixture';
import { openChat } from './chat-sockets';

const { api, smtp, service } = useService();

describe('live chat', () => {
  it('queues the customer, shows the agent the waiting list, joins, carries messages both ways, ends on both sides and e-mails the transcript', async () => {
    const agent = await signedInAgent(api, service.services.db, service.url, 'Alex Agent');
    const desk = await openChat(service.url, '/v1/agent/chat', agent.token);
    await desk.next((frame) => frame.type === 'waiting', 'first waiting list');

    const customer = await signedInAccount(api, smtp, 'chat-flow');
    const chat = await openChat(service.url, '/v1/support/chat', customer.token);
    const queued = await chat.next((frame) => frame.type === 'queued', 'queued');
    expect(queued).toEqual({ type: 'queued', chatId: expect.any(String), position: 1 });
    const chatId = queued.chatId as string;

    const waiting = await desk.next((frame) => frame.type === 'waiting' && (frame.chats as { chatId: string }[]).some((c) => c.chatId === chatId), 'waiting with the chat');
    expect(waiting.chats).toContainEqual({ chatId, customerName: customer.name, since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    // Written while waiting: the agent gets it when joining.
    chat.send({ type: 'message', body: 'Hello, my scan stops.' });
    await chat.next((frame) => frame.type === 'message' && frame.from === 'customer', 'own message echoed');

    desk.send({ type: 'join', chatId });
    await desk.next((frame) => frame.type === 'joined' && frame.chatId === chatId, 'joined');
    const earlier = await desk.next((frame) => frame.type === 'message' && frame.chatId === chatId, 'earlier message');
    expect(earlier).toMatchObject({ body: 'Hello, my scan stops.', from: 'customer' });
    expect(await chat.next((frame) => frame.type === 'agentJoined', 'agentJoined')).toEqual({ type: 'agentJoined', name: 'Alex Agent' });
    // Off the waiting list once taken.
    await desk.next((frame) => frame.type === 'waiting' && !(frame.chats as { chatId: string }[]).some((c) => c.chatId === chatId), 'waiting without it');

    desk.send({ type: 'message', chatId, body: 'Let me look at that.' });
    const answer = await chat.next((frame) => frame.type === 'message' && frame.from === 'agent', 'agent message');
    expect(answer).toEqual({ type: 'message', body: 'Let me look at that.', from: 'agent', at: expect.any(String) });

    chat.send({ type: 'message', body: 'Thank you!' });
    const got = await desk.next((frame) => frame.type === 'message' && frame.body === 'Thank you!', 'customer message at the agent');
    expect(got).toEqual({ type: 'message', chatId, body: 'Thank you!', from: 'customer', at: expect.any(String) });

    desk.send({ type: 'end', chatId });
    expect(await chat.next((frame) => frame.type === 'ended', 'ended (customer)')).toEqual({ type: 'ended' });
    expect(await desk.next((frame) => frame.type === 'ended', 'ended (agent)')).toEqual({ type: 'ended', chatId });

    const mail = await smtp.waitForMessage(customer.email, { subject: /chat/i });
    expect(mail.subject).toBe('Your chat with Palisade support');
    expect(mail.text).toContain(`${customer.name}: Hello, my scan stops.`);
    expect(mail.text).toContain('Alex Agent: Let me look at that.');
    expect(mail.text).toContain(`${customer.name}: Thank you!`);

    // An ended chat takes no more messages, and says why.
    chat.send({ type: 'message', body: 'Still there?' });
    expect(await chat.next((frame) => frame.type === 'error', 'error after end')).toMatchObject({ code: 'CHAT_CLOSED' });
    await chat.close();
    await desk.close();
  });

  it('with no agent on duty says noAgents, and toTicket makes a ticket the customer lists', async () => {
    const customer = await signedInAccount(api, smtp, 'chat-ticket');
    const chat = await openChat(service.url, '/v1/support/chat', customer.token);
    const none = await chat.next((frame) => frame.type === 'noAgents', 'noAgents');
    expect(none).toEqual({ type: 'noAgents', chatId: expect.any(String) });
    chat.send({ type: 'message', body: 'My key is refused.' });
    await chat.next((frame) => frame.type === 'message', 'own message');
    chat.send({ type: 'toTicket', subject: 'Product key refused' });
    const ticket = await chat.next((frame) => frame.type === 'ticket', 'ticket');
    expect(ticket).toEqual({ type: 'ticket', id: expect.any(String), number: expect.stringMatching(/^T-\d{6}$/) });

    const list = ticketListSchema.parse((await api.get('/v1/support/tickets', customer.token)).body);
    expect(list).toEqual([expect.objectContaining({ id: ticket.id, number: ticket.number, subject: 'Product key refused', category: 'other', status: 'open' })]);
    const thread = (await api.get(`/v1/support/tickets/${String(ticket.id)}`, customer.token)).body as { messages: { body: string }[] };
    expect(thread.messages[0]!.body).toContain('My key is refused.');
    await smtp.waitForMessage(customer.email, { subject: new RegExp(String(ticket.number)) });

    // Once a ticket, it is not one again.
    chat.send({ type: 'toTicket', subject: 'Again' });
    expect(await chat.next((frame) => frame.type === 'error', 'second toTicket refused')).toMatchObject({ code: 'CHAT_CLOSED' });
    await chat.close();
  });
});

describe('who is there', () => {
  it('an agent whose instance died (presence past its expiry) is not on duty, and a chat whose customer’s instance died is ended by the heartbeat', async () => {
    const db = service.services.db;
    const agent = await signedInAgent(api, db, service.url, 'Gone Agent');
    const agentUser = await db.selectFrom('users').select('id').where('email', '=', agent.email).executeTakeFirstOrThrow();
    await db.insertInto('chat_agent_presence').values({ id: randomUUID(), agent_user_id: agentUser.id, expires_at: new Date(Date.now() - 1_000) }).execute();
    const customer = await signedInAccount(api, smtp, 'chat-dead-agent');
    const chat = await openChat(service.url, '/v1/support/chat', customer.token);
    await chat.next((f) => f.type === 'noAgents', 'noAgents despite the stale presence row');

    // A queued chat held by an instance that died: nobody refreshes its customer.
    const customerUser = await db.selectFrom('users').select('id').where('email', '=', customer.email).executeTakeFirstOrThrow();
    const orphan = randomUUID();
    await db
      .insertInto('support_chats')
      .values({ id: orphan, user_id: customerUser.id, customer_name: 'Orphan', status: 'queued', agent_user_id: null, agent_name: null, ticket_id: null, created_at: new Date(), ended_at: null, customer_alive_until: new Date(Date.now() - 1_000) })
      .execute();
    await expect.poll(async () => (await db.selectFrom('support_chats').select('status').where('id', '=', orphan).executeTakeFirstOrThrow()).status, { timeout: 15_000, interval: 500 }).toBe('ended');
    await chat.close();
  }, 20_000);
});

describe('a stopping service', () => {
  it('closes its chat sockets with 1001 and ends their chats, so none waits in the queue for someone gone', async () => {
    const capture = await startSmtpCapture();
    const stopping = await startService({ env: { SMTP_URL: capture.url } });
    try {
      const http = client(stopping.url);
      const agent = await signedInAgent(http, stopping.services.db, stopping.url, 'Last Agent');
      const desk = await openChat(stopping.url, '/v1/agent/chat', agent.token);
      await desk.next((f) => f.type === 'waiting', 'waiting');
      const customer = await signedInAccount(http, capture, 'chat-stopping');
      const chat = await openChat(stopping.url, '/v1/support/chat', customer.token);
      await chat.next((f) => f.type === 'queued', 'queued');
      chat.send({ type: 'message', body: 'Are you closing?' });
      await chat.next((f) => f.type === 'message', 'own message');
      const closing = stopping.stop();
      expect((await chat.closed).code).toBe(1001);
      expect((await desk.closed).code).toBe(1001);
      await closing;
      expect(chat.frames.at(-1)).toEqual({ type: 'ended' });
    } finally {
      await capture.stop();
    }
  });
});
