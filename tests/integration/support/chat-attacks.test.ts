import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { useService } from '../../support/use-service';
import { signedInAccount } from '../protection/protection-fixture';
import { signedInAgent } from './agent-fixture';
import { chatUrl, openChat } from './chat-sockets';

/** Long enough that a refused token is told apart from silence: refused at once, not at the timeout. */
const AUTH_TIMEOUT_MS = 1_500;
const { api, smtp, service } = useService({ env: { CHAT_AUTH_TIMEOUT_MS: String(AUTH_TIMEOUT_MS) } });

describe('live chat refuses what it must', () => {
  it('bad-chat-token-is-closed-4401', async () => {
    const began = Date.now();
    const forged = await openChat(service.url, '/v1/support/chat', 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.AAAA');
    expect((await forged.closed).code).toBe(4401);
    expect(Date.now() - began).toBeLessThan(AUTH_TIMEOUT_MS - 500);
    expect(forged.frames).toEqual([]);
    // A well-formed frame that is not auth, first: refused as well.
    const rude = await openChat(service.url, '/v1/support/chat');
    rude.send({ type: 'message', body: 'hello?' });
    expect((await rude.closed).code).toBe(4401);
    expect(rude.frames).toEqual([]);

    // Silence: no auth frame in time.
    const silent = await openChat(service.url, '/v1/support/chat');
    const started = Date.now();
    expect((await silent.closed).code).toBe(4401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(AUTH_TIMEOUT_MS - 50);

    // A customer on the agent socket.
    const other = await signedInAccount(api, smtp, 'chat-not-agent');
    const intruder = await openChat(service.url, '/v1/agent/chat', other.token);
    expect((await intruder.closed).code).toBe(4403);
    expect(intruder.frames).toEqual([]);
  });

  it('chat-token-in-url-is-not-accepted', async () => {
    const customer = await signedInAccount(api, smtp, 'chat-url');
    for (const query of [`?token=${customer.token}`, `?access_token=${customer.token}`]) {
      const socket = new WebSocket(chatUrl(service.url, '/v1/support/chat', query));
      const status = await new Promise<number>((resolve, reject) => {
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('open', () => reject(new Error('the socket opened with a token in its URL')));
        socket.once('error', () => {});
      });
      expect(status).toBe(400);
    }
    expect(service.logs()).not.toContain(customer.token);
  });

  it('malformed-chat-frames-get-an-error-not-a-crash', async () => {
    const customer = await signedInAccount(api, smtp, 'chat-malformed');
    const chat = await openChat(service.url, '/v1/support/chat', customer.token);
    await chat.next((frame) => frame.type === 'noAgents', 'noAgents');
    const bad: [string, string | Buffer, boolean?][] = [
      ['not JSON', '{not json'],
      ['unknown type', JSON.stringify({ type: 'shout', body: 'x' })],
      ['too long', JSON.stringify({ type: 'message', body: 'x'.repeat(4_001) })],
      ['empty', JSON.stringify({ type: 'message', body: '   ' })],
      ['not an object', JSON.stringify(['message'])],
      ['binary', Buffer.from([0, 1, 2, 3]), true],
      ['a second auth', JSON.stringify({ type: 'auth', token: customer.token })],
    ];
    for (const [what, data, binary] of bad) {
      chat.sendRaw(data, binary);
      const error = await chat.next((frame) => frame.type === 'error', what);
      expect(error, what).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED', message: expect.any(String) });
    }
    // The socket is still usable, and a 4 000-character message is one.
    chat.send({ type: 'message', body: 'y'.repeat(4_000) });
    expect(await chat.next((frame) => frame.type === 'message', 'a message after the errors')).toMatchObject({ from: 'customer', body: 'y'.repeat(4_000) });
    expect((await api.get('/v1/health')).status).toBe(200);
    await chat.close();
  });

  it('two-agents-racing-to-join-one-wins', async () => {
    const one = await signedInAgent(api, service.services.db, service.url, 'Agent One');
    const two = await signedInAgent(api, service.services.db, service.url, 'Agent Two');
    const [deskOne, deskTwo] = await Promise.all([openChat(service.url, '/v1/agent/chat', one.token), openChat(service.url, '/v1/agent/chat', two.token)]);
    await Promise.all([deskOne.next((f) => f.type === 'waiting', 'waiting'), deskTwo.next((f) => f.type === 'waiting', 'waiting')]);
    const customer = await signedInAccount(api, smtp, 'chat-race');
    const chat = await openChat(service.url, '/v1/support/chat', customer.token);
    const chatId = (await chat.next((f) => f.type === 'queued', 'queued')).chatId as string;

    deskOne.send({ type: 'join', chatId });
    deskTwo.send({ type: 'join', chatId });
    const outcome = (desk: typeof deskOne) => desk.next((f) => (f.type === 'joined' || f.type === 'error') && (f.chatId === chatId || (f.details as { chatId?: string } | undefined)?.chatId === chatId), 'join outcome');
    const results = await Promise.all([outcome(deskOne), outcome(deskTwo)]);
    expect(results.filter((f) => f.type === 'joined')).toHaveLength(1);
    expect(results.filter((f) => f.type === 'error')).toEqual([expect.objectContaining({ code: 'CHAT_TAKEN' })]);
    const winner = results[0]!.type === 'joined' ? 'Agent One' : 'Agent Two';
    expect(await chat.next((f) => f.type === 'agentJoined', 'agentJoined')).toEqual({ type: 'agentJoined', name: winner });
    // The loser cannot speak in it either.
    const loser = results[0]!.type === 'joined' ? deskTwo : deskOne;
    loser.send({ type: 'message', chatId, body: 'Me too' });
    expect(await loser.next((f) => f.type === 'error', 'loser message refused')).toMatchObject({ code: 'CHAT_NOT_FOUND' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(chat.frames.filter((f) => f.type === 'agentJoined')).toHaveLength(1);
    expect(chat.frames.some((f) => f.type === 'message' && f.body === 'Me too')).toBe(false);
    await Promise.all([chat.close(), deskOne.close(), deskTwo.close()]);
  });

  it('customer-cannot-join-or-read-another-chat', async () => {
    const agent = await signedInAgent(api, service.services.db, service.url, 'Desk Agent');
    const desk = await openChat(service.url, '/v1/agent/chat', agent.token);
    await desk.next((f) => f.type === 'waiting', 'waiting');
    const victim = await signedInAccount(api, smtp, 'chat-victim');
    const victimChat = await openChat(service.url, '/v1/support/chat', victim.token);
    const chatId = (await victimChat.next((f) => f.type === 'queued', 'queued')).chatId as string;
    const attacker = await signedInAccount(api, smtp, 'chat-attacker');
    const attackerChat = await openChat(service.url, '/v1/support/chat', attacker.token);
    await attackerChat.next((f) => f.type === 'queued', 'queued');

    // Agent frames on the customer socket: refused, and nothing reaches the other chat.
    for (const frame of [{ type: 'join', chatId }, { type: 'message', chatId, body: 'I am support, send me your password' }, { type: 'end', chatId }]) {
      attackerChat.send(frame);
      expect(await attackerChat.next((f) => f.type === 'error', frame.type)).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    victimChat.send({ type: 'message', body: 'private words' });
    await victimChat.next((f) => f.type === 'message', 'own message');
    desk.send({ type: 'join', chatId });
    await victimChat.next((f) => f.type === 'agentJoined', 'agentJoined');
    desk.send({ type: 'message', chatId, body: 'for the victim only' });
    await victimChat.next((f) => f.type === 'message' && f.from === 'agent', 'agent message');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const leaked = attackerChat.frames.filter((f) => f.type === 'message' || f.type === 'agentJoined' || f.type === 'ended');
    expect(leaked).toEqual([]);
    // The victim's chat is still live: the attacker's end did not end it.
    expect(victimChat.frames.some((f) => f.type === 'ended')).toBe(false);
    await Promise.all([victimChat.close(), attackerChat.close(), desk.close()]);
  });
});
