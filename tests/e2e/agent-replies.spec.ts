import type { Page } from '@playwright/test';
import { npmRunServer } from '../support/service-data-dir';
import { expectNoAxeViolations } from './support/accessibility';
import { newPerson, type Person } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';

/** Customer text that would run or draw if the console ever put it into the page as markup. */
const hostileSubject = 'The scan stops <img src=x id=subject-markup> at 40 %';
const hostileDiagnostics = {
  appVersion: '1.4.0',
  os: 'Linux',
  note: '<img src=x id=diagnostics-markup onerror="window.__consoleMarkupRan = true">',
  log: ['scan started', '<script>window.__consoleMarkupRan = true</script>', 'scan stopped'],
};

async function api<T>(serviceUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, serviceUrl), {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** `agents add`, as the operator runs it beside the service, then the printed link sets the password. */
async function newAgent(service: { url: string; commandEnv: Record<string, string> }): Promise<Person> {
  const agent = newPerson('agent-replies-staff', 'Sam Support');
  const { stdout } = await npmRunServer(service.commandEnv, 'agents', 'add', '--email', agent.email, '--name', agent.name);
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(stdout)?.[0];
  expect(link, stdout).toBeDefined();
  const token = new URL(link!).searchParams.get('token');
  expect((await api(service.url, 'POST', '/v1/auth/password/reset', { token, password: agent.password })).status).toBe(204);
  return agent;
}

async function signInToConsole(desk: Page, person: Person): Promise<void> {
  await desk.getByLabel('E-mail address').fill(person.email);
  await desk.getByLabel('Password').fill(person.password);
  await desk.getByLabel('Password').press('Enter');
}

test('an agent answers a customer’s ticket at /agent: found in the queue, the diagnostics shown as text, the reply reaches the customer; the console is axe-clean in light and dark', async ({
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

  // TODO(lead): the app's ticket screens (renderer/src/screens/help/tickets/) are not committed yet;
  // once they are, open the ticket there instead of through the API, and see the reply in it.
  const login = await api<{ accessToken: string }>(service.url, 'POST', '/v1/auth/login', { email: customer.email, password: customer.password });
  expect(login.status).toBe(200);
  const customerToken = login.body.accessToken;
  const created = await api<{ id: string; number: string }>(
    service.url,
    'POST',
    '/v1/support/tickets',
    { subject: hostileSubject, category: 'devices', body: 'Since yesterday the scan stops at 40 %.', diagnostics: hostileDiagnostics },
    customerToken,
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const ticket = created.body;

  const agent = await newAgent(service);
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const desk = await context.newPage();
    await desk.goto(`${service.url}/agent`);
    await expect(desk.getByRole('heading', { level: 2, name: 'Sign in as support staff' })).toBeVisible();
    await expect(desk.getByLabel('E-mail address')).toBeFocused();
    await expectNoAxeViolations(desk, 'agent console, sign-in');

    await test.step('a customer who signs in is told the account is not a support agent', async () => {
      await signInToConsole(desk, customer);
      await expect(desk.getByRole('alert')).toHaveText(/This account is not a support agent/);
      await expect(desk.getByRole('heading', { name: 'Tickets' })).toHaveCount(0);
    });

    await test.step('the agent signs in and finds the ticket in the queue', async () => {
      await signInToConsole(desk, agent);
      await expect(desk.getByRole('heading', { level: 1, name: 'Support console' })).toBeVisible();
      const queue = desk.getByRole('region', { name: 'Tickets' });
      const row = queue.getByRole('row').filter({ hasText: ticket.number });
      await expect(row).toContainText(customer.name);
      await expect(row).toContainText(customer.email);
      await expect(row).toContainText('Open');
      await expectNoAxeViolations(desk, 'agent console, ticket queue');
      // By keyboard, as a person without a mouse would open it.
      await row.getByRole('button', { name: hostileSubject }).focus();
      await desk.keyboard.press('Enter');
    });

    const thread = desk.getByRole('region', { name: `${ticket.number}: ${hostileSubject}` });
    await test.step('the thread shows the customer, the message and the diagnostics as text, never as markup', async () => {
      await expect(thread.getByRole('heading', { level: 2 })).toBeFocused();
      await expect(thread).toContainText(`Customer: ${customer.name} (${customer.email})`);
      await expect(thread.getByRole('listitem').first()).toContainText('Since yesterday the scan stops at 40 %.');
      const diagnostics = thread.locator('pre');
      await expect(diagnostics).toContainText('"appVersion": "1.4.0"');
      await expect(diagnostics).toContainText(JSON.stringify(hostileDiagnostics.note));
      await expect(diagnostics).toContainText(JSON.stringify(hostileDiagnostics.log[1]));
      await expect(desk.locator('#diagnostics-markup, #subject-markup, img')).toHaveCount(0);
      expect(await desk.evaluate(() => (globalThis as { __consoleMarkupRan?: boolean }).__consoleMarkupRan)).toBeUndefined();
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

    await test.step('the customer has the reply', async () => {
      // TODO(lead): assert it in the app's ticket screen once it exists (see above); until then, as the app would read it.
      const thread = await api<{ status: string; messages: { author: string; authorName: string; body: string }[] }>(service.url, 'GET', `/v1/support/tickets/${ticket.id}`, undefined, customerToken);
      expect(thread.body.status).toBe('waiting');
      expect(thread.body.messages.at(-1)).toMatchObject({ author: 'agent', authorName: 'Sam Support', body: reply });
    });

    await test.step('a closed ticket refuses a reply with a clear message', async () => {
      await thread.getByLabel('Ticket status').selectOption('closed');
      await thread.getByRole('button', { name: 'Change status' }).click();
      await expect(thread.getByRole('status')).toHaveText('The status is now: Closed.');
      await thread.getByLabel('Reply to the customer').fill('One more thing.');
      await thread.getByRole('button', { name: 'Send reply' }).click();
      await expect(thread.getByRole('alert')).toHaveText(/This ticket is closed, so it takes no more replies/);
    });
  } finally {
    await context.close();
  }
});
