import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';
import { ThisComputerPage } from './support/pages/this-computer-page';

test('an invitation e-mailed from the app, pasted into I have an invitation link on another computer, lands on This computer accepted; pasting it again says it is spent', async ({
  page,
  browser,
  launchHost,
  accounts,
  smtp,
}) => {
  const person = await accounts.createConfirmed(newPerson('invitation-link', 'Noor Haddad'));
  const invitedAddress = newPerson('invitation-link-inbox').email;
  const inviting = await launchHost({ args: ['--machine-seed', 'inviting-desk'] });
  const invited = await launchHost({ args: ['--machine-seed', 'invited-laptop'] });
  const invitedContext = await browser.newContext();
  const invitedPage = await invitedContext.newPage();

  try {
    await test.step('invite a Windows device by e-mail from Devices', async () => {
      await inviting.open(page);
      await new SignInPage(page).signIn(person.email, person.password);
      await new AppShell(page).expectGreeting(person.name);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
      await page.getByRole('button', { name: 'Add a device' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a device' });
      await dialog.getByText('Windows', { exact: true }).click();
      await dialog.getByLabel('E-mail the link to').fill(invitedAddress);
      await dialog.getByRole('button', { name: 'E-mail the link' }).click();
      await expect(dialog.getByRole('status')).toContainText(`We sent a link to ${invitedAddress}.`);
    });

    const link = await test.step('the real mail carries the install page link', async () => {
      const mail = await smtp.waitForMessage(invitedAddress, { timeoutMs: 15_000 });
      const link = /https?:\/\/\S+\/install\?token=[A-Za-z0-9_%-]+/.exec(mail.text)?.[0];
      expect(link, mail.text).toBeTruthy();
      return link!;
    });

    const thisComputer = new ThisComputerPage(invitedPage);
    await test.step('on the invited computer, paste the link into I have an invitation link', async () => {
      await invited.open(invitedPage);
      await new SignInPage(invitedPage).signIn(person.email, person.password);
      await new AppShell(invitedPage).expectGreeting(person.name);
      await invitedPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
      await invitedPage.getByRole('button', { name: 'I have an invitation link' }).click();
      const dialog = invitedPage.getByRole('dialog', { name: 'I have an invitation link' });
      await dialog.getByRole('textbox', { name: 'Invitation link or code' }).fill(link);
      await dialog.getByRole('button', { name: 'Use the invitation' }).click();
    });

    await test.step('it lands where the deep link lands: This computer, the invitation accepted', async () => {
      await expect(invitedPage.getByRole('heading', { level: 1, name: 'This computer' })).toBeVisible();
      await expect(invitedPage.getByText(/^Invitation accepted\. It was sent for a Windows device/)).toBeVisible();
      // With no subscription yet, the section says to activate a key first; either way it is where protecting starts.
      await expect(invitedPage.getByRole('heading', { level: 2, name: 'Protect this computer' })).toBeVisible();
      await thisComputer.expectState('This computer isn’t protected');
    });

    await test.step('the same link again is refused in plain words', async () => {
      await invitedPage.getByRole('button', { name: 'I have an invitation link' }).click();
      const dialog = invitedPage.getByRole('dialog', { name: 'I have an invitation link' });
      await dialog.getByRole('textbox', { name: 'Invitation link or code' }).fill(new URL(link).searchParams.get('token')!);
      await dialog.getByRole('button', { name: 'Use the invitation' }).click();
      await expect(invitedPage.getByRole('alert')).toContainText(
        'That invitation link didn’t work. It has been used already or has expired',
      );
    });
  } finally {
    await invitedContext.close();
  }
});
