import type { Locator, Page } from '@playwright/test';
import WebSocket from 'ws';
import { npmRunServer } from '../support/service-data-dir';
import { expectNoAxeViolations } from './support/accessibility';
import { newPerson, type Person } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';

/**
 * Live chat from the customer's side (docs/api.md "Support", the chat WebSocket): the app's
 * panel against the real service, with the agent played by a raw WebSocket client
 * authenticated as a support agent, as the agent console would be.
 */

async function api<T>(serviceUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, serviceUrl), {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** `agents add`, as the operator runs it, then the printed link sets the password and the agent signs in. */
async function signedInAgent(service: { url: string; commandEnv: Record<string, string> }): Promise<Person & { token: string }> {
  const agent = newPerson('live-chat-staff', 'Sam Support');
  const { stdout } = await npmRunServer(service.commandEnv, 'agents', 'add', '--email', agent.email, '--name', agent.name);
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(stdout)?.[0];
  expect(link, stdout).toBeDefined();
  const token = new URL(link!).searchParams.get('token');
  expect((await api(service.url, 'POST', '/v1/auth/password/reset', { token, password: agent.password })).status).toBe(204);
  const login = await api<{ accessToken: string }>(service.url, 'POST', '/v1/auth/login', {
    email: agent.email,
    password: agent.password,
    deviceName: 'Support desk',
  });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  return { ...agent, token: login.body.accessToken };
}

type AgentFrame = { type: string; chatId?: string; body?: string; from?: string; chats?: { chatId: string; customerName: string }[] };

/** The agent's desk: the agent chat socket, its frames kept in order for the test to wait on. */
async function openAgentDesk(serviceUrl: string, token: string) {
  const url = new URL('/v1/agent/chat', serviceUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  const frames: AgentFrame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as AgentFrame));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'auth', token }));
  return {
    frames,
    send: (frame: Record<string, unknown>) => socket.send(JSON.stringify(frame)),
    /** The first frame (from the oldest not yet taken) that `test` accepts. */
    async waitFor(test: (frame: AgentFrame) => boolean, what: string): Promise<AgentFrame> {
      let found: AgentFrame | undefined;
      await expect.poll(() => (found = frames.find(test)), { message: `the agent desk to get ${what}`, timeout: 15_000 }).toBeDefined();
      return found!;
    },
    close: () => socket.close(1000),
  };
}

async function openChatFromSupport(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).click();
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const panel = page.getByRole('region', { name: 'Chat with support' });
  await expect(panel).toBeVisible();
  // The panel takes focus, so a keyboard user is where the chat is.
  await expect(panel.getByRole('heading', { name: 'Chat with support' })).toBeFocused();
  return panel;
}

test('with no agent on duty the chat offers a ticket: a subject, and the ticket number is shown; the panel is axe-clean in light and dark', async ({
  page,
  launchHost,
  accounts,
  service,
}) => {
  const customer = await accounts.createConfirmed(newPerson('live-chat-ticket', 'Robin Fischer'));
  const host = await launchHost();
  await host.open(page);
  await new SignInPage(page).signIn(customer.email, customer.password);
  await new AppShell(page).expectGreeting(customer.name);

  const panel = await openChatFromSupport(page);
  await expect(panel.getByRole('status').first()).toHaveText(/No one from support is on duty right now/);
  await expectNoAxeViolations(page, 'live chat, no agent on duty');

  await test.step('an empty subject is refused in words, then the ticket is sent and its number shown', async () => {
    await panel.getByRole('button', { name: 'Send as a ticket' }).click();
    await expect(panel.getByText('Enter a subject for the ticket.')).toBeVisible();
    await panel.getByLabel('Subject of the ticket').fill('My product key is refused');
    await panel.getByLabel('Subject of the ticket').press('Enter');
    await expect(panel.getByText(/Your ticket T-\d{6} was sent/).first()).toBeVisible();
  });

  const shown = (await panel.getByText(/Your ticket T-\d{6} was sent/).first().textContent()) ?? '';
  const number = /T-\d{6}/.exec(shown)?.[0];
  await test.step('the service has that ticket on the account, with that subject', async () => {
    const login = await api<{ accessToken: string }>(service.url, 'POST', '/v1/auth/login', { email: customer.email, password: customer.password });
    const tickets = await api<{ number: string; subject: string }[]>(service.url, 'GET', '/v1/support/tickets', undefined, login.body.accessToken);
    expect(tickets.body.find((ticket) => ticket.number === number)?.subject).toBe('My product key is refused');
  });
  await expectNoAxeViolations(page, 'live chat, sent as a ticket');
});

test('an agent takes the chat: queued, joined by name, messages both ways in the log, still there after moving between screens, and over when the agent ends it', async ({
  page,
  launchHost,
  accounts,
  service,
}) => {
  const agent = await signedInAgent(service);
  const desk = await openAgentDesk(service.url, agent.token);
  try {
    await desk.waitFor((frame) => frame.type === 'waiting', 'the waiting list');
    const customer = await accounts.createConfirmed(newPerson('live-chat-agent', 'Robin Fischer'));
    const host = await launchHost();
    await host.open(page);
    await new SignInPage(page).signIn(customer.email, customer.password);
    await new AppShell(page).expectGreeting(customer.name);

    const panel = await openChatFromSupport(page);
    const status = panel.getByRole('status').first();
    await expect(status).toHaveText(/You're (number \d+ in the queue|next in the queue)/);

    const waiting = await desk.waitFor(
      (frame) => frame.type === 'waiting' && (frame.chats ?? []).some((chat) => chat.customerName === customer.name),
      'the customer in the queue',
    );
    const chatId = waiting.chats!.find((chat) => chat.customerName === customer.name)!.chatId;
    desk.send({ type: 'join', chatId });
    await expect(status).toHaveText(`You're chatting with ${agent.name}.`);

    const log = panel.getByRole('log', { name: 'Conversation' });
    await expect(log).toHaveAttribute('aria-live', 'polite');
    const field = panel.getByLabel('Your message');
    await test.step('the customer writes: Shift+Enter breaks the line, Enter sends, the agent gets it', async () => {
      await field.focus();
      await page.keyboard.type('My product key');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('is refused.');
      await expect(field).toHaveValue('My product key\nis refused.');
      await page.keyboard.press('Enter');
      await expect(field).toHaveValue('');
      const got = await desk.waitFor((frame) => frame.type === 'message' && frame.from === 'customer', "the customer's message");
      expect(got).toMatchObject({ chatId, body: 'My product key\nis refused.' });
      await expect(log.getByRole('listitem').filter({ hasText: 'You' })).toContainText('is refused.');
    });

    await test.step('the agent answers and the log shows it under the agent’s name', async () => {
      desk.send({ type: 'message', chatId, body: 'Let me look at that key for you.' });
      const reply = log.getByRole('listitem').filter({ hasText: 'Let me look at that key for you.' });
      await expect(reply).toContainText(agent.name);
    });
    await expectNoAxeViolations(page, 'live chat, with an agent');

    await test.step('moving to another screen and back keeps the chat and its messages', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await new AppShell(page).expectGreeting(customer.name);
      await expect(panel).toBeVisible();
      await expect(log).toContainText('Let me look at that key for you.');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).click();
      await expect(log).toContainText('is refused.');
      await expect(status).toHaveText(`You're chatting with ${agent.name}.`);
    });

    await test.step('the agent ends the chat: the panel says it is over and offers a new one', async () => {
      desk.send({ type: 'end', chatId });
      await expect(status).toHaveText(/The chat has ended/);
      await expect(field).toHaveCount(0);
      await expect(panel.getByRole('button', { name: 'Start a new chat' })).toBeVisible();
      await panel.getByRole('button', { name: 'Close' }).click();
      await expect(panel).toHaveCount(0);
    });
  } finally {
    desk.close();
  }
});
