import { describe, expect, it } from 'vitest';
import { useCluster } from '../../support/use-cluster';
import { signedInAccount } from '../protection/protection-fixture';
import { client } from '../server/http';
import { signedInAgent } from './agent-fixture';
import { openChat } from './chat-sockets';

const { enabled, cluster, smtp } = useCluster();

it.runIf(!enabled)('runs on PostgreSQL only (set DATABASE_URL)', () => {});

describe.runIf(enabled)('live chat across instances', () => {
  it('chat-across-instances: the customer on one instance and the agent on another see each other’s frames', async () => {
    const [urlA, urlB, urlC] = cluster().instanceUrls as [string, string, string];
    const a = client(urlA);
    const agent = await signedInAgent(client(urlB), cluster().db, cluster().url, 'Bea Elsewhere');
    const desk = await openChat(urlB, '/v1/agent/chat', agent.token);
    await desk.next((f) => f.type === 'waiting', 'first waiting list');

    // The agent on B is on duty for a customer on A (presence is in the shared database).
    const customer = await signedInAccount(a, smtp(), 'chat-cluster');
    const chat = await openChat(urlA, '/v1/support/chat', customer.token);
    const chatId = (await chat.next((f) => f.type === 'queued', 'queued')).chatId as string;
    // A second customer on C queues behind, and moves up when the first is taken.
    const second = await signedInAccount(client(urlC), smtp(), 'chat-cluster-2');
    const behind = await openChat(urlC, '/v1/support/chat', second.token);
    expect(await behind.next((f) => f.type === 'queued', 'queued behind')).toMatchObject({ position: 2 });
    await desk.next((f) => f.type === 'waiting' && (f.chats as unknown[]).length === 2, 'both waiting');

    desk.send({ type: 'join', chatId });
    expect(await chat.next((f) => f.type === 'agentJoined', 'agentJoined on A')).toEqual({ type: 'agentJoined', name: 'Bea Elsewhere' });
    expect(await behind.next((f) => f.type === 'queued', 'moved up')).toMatchObject({ position: 1 });

    chat.send({ type: 'message', body: 'Written on A' });
    expect(await desk.next((f) => f.type === 'message' && f.body === 'Written on A', 'message on B')).toMatchObject({ chatId, from: 'customer' });
    desk.send({ type: 'message', chatId, body: 'Answered on B' });
    expect(await chat.next((f) => f.type === 'message' && f.from === 'agent', 'message on A')).toMatchObject({ body: 'Answered on B' });

    chat.send({ type: 'end' });
    await chat.next((f) => f.type === 'ended', 'ended on A');
    expect(await desk.next((f) => f.type === 'ended', 'ended on B')).toEqual({ type: 'ended', chatId });
    const mail = await smtp().waitForMessage(customer.email, { subject: /chat/i });
    expect(mail.text).toContain('Bea Elsewhere: Answered on B');
    await Promise.all([chat.close(), behind.close(), desk.close()]);
  });
});
