import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { npmRunServer } from '../support/service-data-dir';
import { expectNoAxeViolations } from './support/accessibility';
import { newPerson, type Person } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';

async function api<T>(serviceUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, serviceUrl), {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** `agents add`, as the operator runs it beside the service; the printed link then sets the password. */
async function newAgent(service: { url: string; commandEnv: Record<string, string> }): Promise<Person> {
  const agent = newPerson('agent-replies-staff', 'Sam Support');
  const { stdout } = await npmRunServer(service.commandEnv, 'agents', 'add', '--email', agent.email, '--name', agent.name);
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(stdout)?.[0];
  expect(link, stdout).toBeDefined();
  const token = new URL(link!).searchParams.get('token');
  expect((await api(service.url, 'POST', '/v1/auth/password/reset', { token, password: agent.password })).status).toBe(204);
  return agent;
}

/** Turns 2-step verification on for `person` through the account routes (Debian's oathtool as the authenticator app); its recovery codes. */
async function turnOnTwoStep(serviceUrl: string, person: Person): Promise<string[]> {
  const login = await api<{ accessToken: string }>(serviceUrl, 'POST', '/v1/auth/login', { email: person.email, password: person.password });
  expect(login.status).toBe(200);
  const setup = await api<{ secret: string }>(serviceUrl, 'POST', '/v1/account/mfa/totp/setup', { password: person.password }, login.body.accessToken);
  expect(setup.status).toBe(200);
  const { stdout } = await promisify(execFile)('oathtool', ['--totp', '-b', setup.body.secret]);
  const enable = await api<{ recoveryCodes: string[] }>(serviceUrl, 'POST', '/v1/account/mfa/totp/enable', { code: stdout.trim() }, login.body.accessToken);
  expect(enable.status, JSON.stringify(enable.body)).toBe(200);
  return enable.body.recoveryCodes;
}

/** Signs in at /agent with the keyboard (Enter in the password field). */
async function signInToConsole(desk: Page, person: Person): Promise<void> {
  await desk.getByLabel('E-mail address').fill(person.email);
  await desk.getByLabel('Password').fill(person.password);
  await desk.getByLabel('Password').press('Enter');
}

/** The ticket's row in the console's queue, opened from the keyboard. */
async function openFromQueue(desk: Page, number: string, subject: string): Promise<void> {
  const row = desk.getByRole('region', { name: 'Tickets' }).getByRole('row').filter({ hasText: number });
  await row.getByRole('button', { name: subject }).focus();
  await desk.keyboard.press('Enter');
  await expect(desk.getByRole('heading', { level: 2, name: `${number}: ${subject}` })).toBeFocused();
}

test('an agent answers a customer’s ticket at /agent: found in the queue, the diagnostics shown as text, the reply appears in the customer’s app; the console is axe-clean in light and dark', async ({
  page,
  browser,
  launchHost,
  accounts,
  service,
}) => {
  const customer = await accounts.createConfirmed(newPerson('agent-replies', 'Robin Fischer'));
  const host = await launchHost();
  await host.open(page);
  await new SignInPage(page).signIn(customer.email, customer.password);
  await new AppShell(page).expectGreeting(customer.name);

  const subject = 'The scan stops at 40 %';
  const number = await test.step('the customer opens a ticket in the app, with diagnostics', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).click();
    await page.getByRole('link', { name: 'Open a new ticket' }).first().click();
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('What is it about?').selectOption({ label: 'Devices and protection' });
    await page.getByLabel('Your message').fill('Since yesterday the scan stops at 40 %.');
    await page.getByRole('checkbox', { name: 'Attach diagnostics' }).check();
    await expect(page.getByRole('status').filter({ hasText: /KB/ })).toBeVisible();
    await page.getByRole('button', { name: 'Send ticket' }).click();
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^T-\\d{6}: ${subject}$`) });
    await expect(heading).toBeVisible();
    return (await heading.textContent())!.split(':')[0]!;
  });

  const agent = await newAgent(service);
  const recoveryCodes = await turnOnTwoStep(service.url, agent);
  // A second browser page of its own (no shared storage): the agent's desk beside the customer's app.
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const desk = await context.newPage();
    await desk.goto(`${service.url}/agent`);
    await expect(desk.getByRole('heading', { level: 2, name: 'Sign in as support staff' })).toBeVisible();
    await expect(desk.getByLabel('E-mail address')).toBeFocused();
    await expectNoAxeViolations(desk, 'agent console, sign-in');

    await test.step('a customer who signs in at /agent is told the account is not a support agent', async () => {
      await signInToConsole(desk, customer);
      await expect(desk.getByRole('alert')).toHaveText(/This account is not a support agent/);
      await expect(desk.getByRole('heading', { name: 'Tickets' })).toHaveCount(0);
    });

    await test.step('the agent signs in with 2-step verification and finds the ticket in the queue with its customer', async () => {
      await signInToConsole(desk, agent);
      const code = desk.getByLabel('Code from your authenticator app, or a recovery code');
      await expect(code).toBeFocused();
      await code.fill('000000');
      await code.press('Enter');
      await expect(desk.getByRole('alert')).toHaveText(/That code didn’t work/);
      await code.fill(recoveryCodes[0]!);
      await code.press('Enter');
      await expect(desk.getByRole('heading', { level: 1, name: 'Support console' })).toBeVisible();
      // The tokens live in the page's memory only: nothing in storage, no cookie, not in the address.
      expect(await desk.evaluate('[localStorage.length, sessionStorage.length, document.cookie]')).toEqual([0, 0, '']);
      expect(desk.url()).toBe(`${service.url}/agent`);
      const row = desk.getByRole('region', { name: 'Tickets' }).getByRole('row').filter({ hasText: number });
      await expect(row).toContainText(subject);
      await expect(row).toContainText(customer.name);
      await expect(row).toContainText(customer.email);
      await expect(row).toContainText('Open');
      await expectNoAxeViolations(desk, 'agent console, ticket queue');
      await openFromQueue(desk, number, subject);
    });

    const thread = desk.getByRole('region', { name: `${number}: ${subject}` });
    await test.step('the thread shows the customer, the message and the app’s diagnostics as text', async () => {
      await expect(thread).toContainText(`Customer: ${customer.name} (${customer.email})`);
      await expect(thread.getByRole('listitem').first()).toContainText('Since yesterday the scan stops at 40 %.');
      const diagnostics = thread.locator('pre');
      await expect(diagnostics).toContainText('"host": "browser"');
      await expect(diagnostics).toContainText('"lines": [');
      await expectNoAxeViolations(desk, 'agent console, ticket thread');
    });

    const reply = 'Thank you. Please update to 1.4.1; the scan then runs to the end.';
    await test.step('the agent replies; the ticket waits on the customer', async () => {
      await thread.getByLabel('Reply to the customer').fill(reply);
      await thread.getByRole('button', { name: 'Send reply' }).click();
      await expect(thread.getByRole('status')).toHaveText(/Your reply was sent/);
      await expect(thread.getByRole('listitem').last()).toContainText(reply);
      await expect(thread.getByRole('listitem').last()).toContainText('Sam Support (support)');
    });

    await test.step('the customer’s open ticket shows the reply without reloading', async () => {
      const answer = page.getByRole('listitem').filter({ hasText: 'Sam Support (support)' });
      await expect(answer).toContainText(reply);
      await expect(page.getByText('Answered')).toBeVisible();
    });

    await test.step('a closed ticket refuses the agent’s reply with a clear message, and the app says it is closed', async () => {
      await thread.getByLabel('Ticket status').selectOption('closed');
      await thread.getByRole('button', { name: 'Change status' }).click();
      await expect(thread.getByRole('status')).toHaveText('The status is now: Closed.');
      await thread.getByLabel('Reply to the customer').fill('One more thing.');
      await thread.getByRole('button', { name: 'Send reply' }).click();
      await expect(thread.getByRole('alert')).toHaveText(/This ticket is closed, so it takes no more replies/);
      await expect(page.getByText('This ticket is closed, so it takes no more replies.')).toBeVisible();
    });
  } finally {
    await context.close();
  }
});

test('customer-markup-never-runs-in-the-console: a subject, message and diagnostics full of HTML are shown to the agent as text', async ({ browser, accounts, service }) => {
  const customer = await accounts.createConfirmed(newPerson('agent-markup', 'Robin <b>Fischer</b>'));
  const login = await api<{ accessToken: string }>(service.url, 'POST', '/v1/auth/login', { email: customer.email, password: customer.password });
  expect(login.status).toBe(200);
  const subject = 'Scan stops <img src=x id=subject-markup onerror="window.__consoleMarkupRan = true">';
  const body = '<script>window.__consoleMarkupRan = true</script><img src=x id=body-markup>';
  const diagnostics = {
    note: '<img src=x id=diagnostics-markup onerror="window.__consoleMarkupRan = true">',
    log: ['<iframe id=diagnostics-frame src="https://example.test/"></iframe>'],
  };
  const created = await api<{ number: string }>(service.url, 'POST', '/v1/support/tickets', { subject, category: 'other', body, diagnostics }, login.body.accessToken);
  expect(created.status, JSON.stringify(created.body)).toBe(201);

  const agent = await newAgent(service);
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const desk = await context.newPage();
    await desk.goto(`${service.url}/agent`);
    await signInToConsole(desk, agent);
    const row = desk.getByRole('region', { name: 'Tickets' }).getByRole('row').filter({ hasText: created.body.number });
    await expect(row).toContainText('Robin <b>Fischer</b>');
    await openFromQueue(desk, created.body.number, subject);
    const thread = desk.getByRole('region', { name: `${created.body.number}: ${subject}` });
    await expect(thread.getByRole('listitem').first()).toContainText(body);
    await expect(thread.locator('pre')).toContainText(JSON.stringify(diagnostics.note));
    await expect(thread.locator('pre')).toContainText(JSON.stringify(diagnostics.log[0]));
    // Nothing the customer wrote became an element or ran.
    await expect(desk.locator('img, iframe, b, #subject-markup, #body-markup, #diagnostics-markup')).toHaveCount(0);
    expect(await desk.evaluate(() => (globalThis as { __consoleMarkupRan?: boolean }).__consoleMarkupRan)).toBeUndefined();
  } finally {
    await context.close();
  }
});

test('the console refreshes its token when the old one stops working, and goes back to sign-in, saying so, once the session has ended', async ({ browser, service }) => {
  const agent = await newAgent(service);
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const desk = await context.newPage();
    await desk.goto(`${service.url}/agent`);
    await signInToConsole(desk, agent);
    const queue = desk.getByRole('region', { name: 'Tickets' });
    await expect(queue.getByRole('button', { name: 'Refresh' })).toBeVisible();

    await test.step('a new signing key, the old one dropped: the console’s access token is refused, it refreshes and carries on', async () => {
      const { stdout } = await npmRunServer(service.commandEnv, 'keys', 'rotate', '--access', '--drop-retired');
      expect(stdout).not.toBe('');
      // The service re-reads the key folder within a second.
      await expect
        .poll(async () => (await api(service.url, 'GET', '/v1/agent/tickets', undefined, (await api<{ accessToken: string }>(service.url, 'POST', '/v1/auth/login', { email: agent.email, password: agent.password })).body.accessToken)).status)
        .toBe(200);
      const refreshed = desk.waitForResponse((response) => response.url().endsWith('/v1/auth/refresh') && response.status() === 200);
      await queue.getByLabel('Show tickets').selectOption('open');
      await refreshed;
      await expect(queue.getByRole('alert')).toHaveCount(0);
      await expect(queue.getByText(/There are no tickets to show|Tickets, the longest waiting first/)).toBeVisible();
    });

    await test.step('signed out everywhere: the refresh is refused and the console is back at sign-in with the reason', async () => {
      const login = await api<{ accessToken: string }>(service.url, 'POST', '/v1/auth/login', { email: agent.email, password: agent.password });
      expect((await api(service.url, 'POST', '/v1/auth/logout-all', undefined, login.body.accessToken)).status).toBe(204);
      await queue.getByRole('button', { name: 'Refresh' }).click();
      await expect(desk.getByRole('heading', { level: 2, name: 'Sign in as support staff' })).toBeFocused();
      await expect(desk.getByRole('alert')).toHaveText('Your session has ended. Sign in again to continue.');
    });
  } finally {
    await context.close();
  }
});

test('the chat desk: a customer who asks for a chat in the app is in the waiting list, the agent joins, messages go both ways in a live log, the agent ends it; axe-clean in light and dark', async ({
  page,
  browser,
  launchHost,
  accounts,
  service,
}) => {
  const customer = await accounts.createConfirmed(newPerson('agent-chat', 'Robin Fischer'));
  const agent = await newAgent(service);
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const desk = await context.newPage();
    await desk.goto(`${service.url}/agent`);
    await signInToConsole(desk, agent);
    const chatDesk = desk.getByRole('region', { name: 'Live chat' });
    await expect(chatDesk.getByRole('status')).toHaveText('Connected to live chat.');

    const host = await launchHost();
    await host.open(page);
    await new SignInPage(page).signIn(customer.email, customer.password);
    await new AppShell(page).expectGreeting(customer.name);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).click();
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const panel = page.getByRole('region', { name: 'Chat with support' });
    await expect(panel.getByRole('status').first()).toHaveText(/You're (number \d+ in the queue|next in the queue)/);

    const conversation = chatDesk.getByRole('log', { name: `Chat with ${customer.name}` });
    await test.step('the customer is in the waiting list; the agent joins from the keyboard', async () => {
      const join = chatDesk.getByRole('button', { name: `Join the chat with ${customer.name}` });
      await expect(join).toBeVisible();
      await join.focus();
      await desk.keyboard.press('Enter');
      await expect(conversation).toHaveAttribute('aria-live', 'polite');
      await expect(chatDesk.getByLabel(`Message to ${customer.name}`)).toBeFocused();
      await expect(panel.getByRole('status').first()).toHaveText(`You're chatting with ${agent.name}.`);
    });

    await test.step('the customer writes and the desk shows it; the agent answers and the app shows it', async () => {
      const typed = 'My product key is refused. <img src=x id=chat-markup>';
      await panel.getByLabel('Your message').fill(typed);
      await panel.getByLabel('Your message').press('Enter');
      await expect(conversation.getByRole('listitem').filter({ hasText: typed })).toContainText(customer.name);
      // What the customer typed is text in the desk, never an element.
      await expect(desk.locator('#chat-markup, img')).toHaveCount(0);
      await desk.keyboard.type('Let me look at that key for you.');
      await desk.keyboard.press('Enter');
      await expect(conversation.getByRole('listitem').filter({ hasText: 'Let me look at that key for you.' })).toContainText('You');
      await expect(panel.getByRole('log', { name: 'Conversation' }).getByRole('listitem').filter({ hasText: 'Let me look at that key for you.' })).toContainText(agent.name);
    });
    await expectNoAxeViolations(desk, 'agent console, a live chat');

    await test.step('the agent ends the chat: both sides say it is over', async () => {
      await chatDesk.getByRole('button', { name: 'End the chat' }).click();
      await expect(conversation).toContainText('The chat has ended.');
      await expect(chatDesk.getByLabel(`Message to ${customer.name}`)).toBeDisabled();
      await expect(panel.getByRole('status').first()).toHaveText(/The chat has ended/);
    });
  } finally {
    await context.close();
  }
});

test('the console speaks German to a German browser: its own sentences and the catalogue’s error for a wrong password; axe-clean in light and dark', async ({ browser, service }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  try {
    const desk = await context.newPage();
    await desk.goto(`${service.url}/agent`);
    await expect(desk).toHaveTitle('Palisade-Supportkonsole');
    await expect(desk.locator('html')).toHaveAttribute('lang', 'de');
    await expect(desk.getByRole('heading', { level: 2, name: 'Als Supportmitarbeiter anmelden' })).toBeVisible();
    await desk.getByLabel('E-Mail-Adresse').fill(newPerson('agent-german').email);
    await desk.getByLabel('Passwort').fill('not the password at all');
    await desk.getByRole('button', { name: 'Anmelden' }).click();
    await expect(desk.getByRole('alert')).toHaveText('E-Mail-Adresse und Passwort passen nicht zusammen. Prüfen Sie beides und versuchen Sie es erneut, oder setzen Sie Ihr Passwort zurück.');
    await expect(desk.getByLabel('Passwort')).toBeFocused();
    await expectNoAxeViolations(desk, 'agent console in German, a refused sign-in');
  } finally {
    await context.close();
  }
});
