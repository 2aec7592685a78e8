import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';

// What an older version (or a line the logger did not know to redact) might have left in the log.
const plantedToken = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJwbGFudGVkIn0.cGxhbnRlZC1zaWduYXR1cmUtYnl0ZXM';
const plantedAddress = 'someone.else@example.org';
const plantedCode = '482913';

/** The person's other session (a phone, say) closes the ticket behind this window's back. */
async function closeElsewhere(serviceUrl: string, person: { email: string; password: string }, ticketId: string) {
  const login = await fetch(new URL('/v1/auth/login', serviceUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password, deviceName: 'Phone' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const closed = await fetch(new URL(`/v1/support/tickets/${ticketId}/close`, serviceUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(closed.status, await closed.text()).toBe(200);
}

test('a ticket is opened from Help with diagnostics previewed (no planted secret in them), confirmed by e-mail, answered, closed, and refuses a reply after', async ({
  page,
  launchHost,
  accounts,
  smtp,
  service,
}) => {
  const person = await accounts.createConfirmed(newPerson('open-a-ticket', 'Kim Lindqvist'));
  const host = await launchHost();
  const logs = join(host.dataDir, 'logs');
  await mkdir(logs, { recursive: true });
  await appendFile(
    join(logs, 'palisade.log'),
    [
      `2026-12-03T08:00:00.000Z warn  [host:api] upstream said ${plantedToken} was refused`,
      `2026-12-03T08:00:01.000Z info  [host:session] invited ${plantedAddress}; code ${plantedCode}`,
      `2026-12-03T08:00:02.000Z info  [host:session] signed in as ${person.email}`,
      '',
    ].join('\n'),
  );
  await host.open(page);
  await new SignInPage(page).signIn(person.email, person.password);
  await new AppShell(page).expectGreeting(person.name);

  await test.step('Help → Contact support → Open a new ticket', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).click();
    const contact = page.getByRole('region', { name: 'Contact support' });
    await contact.getByRole('link', { name: 'Open a new ticket' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Open a new ticket' })).toBeFocused();
  });

  const subject = `Protection stopped after the update ${Date.now().toString(36)}`;
  await test.step('the form is filled in with the keyboard, and the diagnostics are ticked and read', async () => {
    await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await page.getByRole('combobox', { name: 'What is it about?' }).selectOption({ label: 'Devices and protection' });
    await page.getByRole('textbox', { name: 'Your message' }).fill('Since this morning the app says this computer is not protected.');
    await page.getByRole('checkbox', { name: 'Attach diagnostics' }).check();
    await expect(page.getByRole('status').filter({ hasText: /KB, \d+ log lines?, \d+ secrets? removed/ })).toBeVisible();
    const show = page.getByRole('button', { name: 'Show what will be sent' });
    await expect(show).toHaveAttribute('aria-expanded', 'false');
    await show.click();
    await expect(page.getByRole('button', { name: 'Hide what will be sent' })).toHaveAttribute('aria-expanded', 'true');
    const preview = page.getByRole('region', { name: 'Diagnostics that will be sent' });
    await expect(preview).toContainText('"version": "0.1.0"');
    await expect(preview).toContainText('"host": "browser"');
    await expect(preview).toContainText(`signed in as ${person.email}`);
    await expect(preview).toContainText('upstream said [redacted] was refused');
    const shown = (await preview.textContent()) ?? '';
    expect(shown).not.toContain(plantedToken);
    expect(shown).not.toContain(plantedAddress);
    expect(shown).not.toContain(plantedCode);
    // The region scrolls by keyboard: it takes focus.
    await preview.focus();
    await expect(preview).toBeFocused();
  });

  await expectNoAxeViolations(page, 'new ticket, diagnostics shown');

  let number = '';
  await test.step('sent (a double click makes one ticket): the thread says its number', async () => {
    await page.getByRole('button', { name: 'Send ticket' }).dblclick();
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^T-\\d{6}: ${subject}$`) });
    await expect(heading).toBeVisible();
    number = /^(T-\d{6})/.exec((await heading.textContent()) ?? '')![1]!;
    await expect(page.getByRole('status').filter({ hasText: `Ticket ${number} was sent.` })).toBeVisible();
    const messages = page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
    await expect(messages).toHaveCount(1);
    await expect(messages.first().getByRole('heading', { name: /^You, / })).toBeVisible();
  });

  await test.step('the confirmation e-mail names the number', async () => {
    const mail = await smtp.waitForMessage(person.email, { subject: new RegExp(`Your support ticket ${number}`), timeoutMs: 30_000 });
    expect(mail.text).toContain(subject);
  });

  await test.step('the list shows it once, newest first, open', async () => {
    await page.getByRole('link', { name: 'Back to your support requests' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your support requests' })).toBeVisible();
    const rows = page.getByRole('table', { name: 'Your support requests, newest first' }).getByRole('row').filter({ hasText: subject });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(number);
    await expect(rows.first()).toContainText('Open');
  });

  await expectNoAxeViolations(page, 'support requests list');

  await test.step('a reply is added to the thread', async () => {
    await page.getByRole('link', { name: subject }).click();
    await page.getByRole('textbox', { name: 'Your reply' }).fill('It also happens after a restart.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your reply was sent.' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Messages' }).getByRole('listitem')).toHaveCount(2);
  });

  await expectNoAxeViolations(page, 'ticket thread');

  await test.step('closed after confirming; the thread then says to open a new ticket', async () => {
    await page.getByRole('button', { name: 'Close ticket' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Close ticket ${number}?` });
    await expect(dialog.getByRole('button', { name: 'Keep it open' })).toBeFocused();
    await expectNoAxeViolations(page, 'close ticket confirmation');
    await dialog.getByRole('button', { name: 'Close ticket' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Ticket ${number} is closed.`)).toBeVisible();
    await expect(page.getByText('This ticket is closed, so it takes no more replies. To write to support again, open a new ticket.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Your reply' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Open a new ticket' })).toBeVisible();
  });

  await expectNoAxeViolations(page, 'closed ticket thread');

  await test.step('a ticket closed elsewhere refuses the reply written here, and says to open a new ticket', async () => {
    await page.getByRole('link', { name: 'Open a new ticket' }).click();
    await page.getByRole('textbox', { name: 'Subject' }).fill(`${subject} (again)`);
    await page.getByRole('combobox', { name: 'What is it about?' }).selectOption({ label: 'Something else' });
    await page.getByRole('textbox', { name: 'Your message' }).fill('A second question.');
    await page.getByRole('button', { name: 'Send ticket' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^T-\\d{6}: ${subject} \\(again\\)$`) })).toBeVisible();
    // The thread's route names the ticket (the app's router may keep it in the hash).
    const ticketId = decodeURIComponent(/\/support\/tickets\/([^/?#]+)/.exec(page.url())![1]!);
    await closeElsewhere(service.url, person, ticketId);
    await page.getByRole('textbox', { name: 'Your reply' }).fill('Are you there?');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'This ticket was closed, so your reply was not sent.' });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole('link', { name: 'Open a new ticket' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Your reply' })).toHaveValue('Are you there?');
    await expectNoAxeViolations(page, 'reply refused, ticket closed');
  });
});
