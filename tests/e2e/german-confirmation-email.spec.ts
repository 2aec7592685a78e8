import { linkIn, newPerson } from './support/accounts';
import { Copy } from './support/copy';
import { expect, test } from './support/fixtures';
import { CheckEmailPage, CreateAccountPage, SignInPage } from './support/pages';

// A browser set to German: the app speaks German, and tells the service so when the account is made.
test.use({ locale: 'de-DE' });

const german = new Copy('de');

/** What the English mail says, so that none of it turns up in the German one. */
const englishMail = {
  subject: 'Confirm your e-mail address for Palisade',
  greeting: /^Hello\b/m,
  intro: 'Confirm your e-mail address to finish creating your Palisade account.',
  outro: 'If you did not create a Palisade account, ignore this e-mail.',
};

test('an account created in a German browser gets its confirmation e-mail in German, and its link confirms the account', async ({
  page,
  launchHost,
  smtp,
}) => {
  const person = newPerson('german-mail', 'Jürgen Weiß');
  const host = await launchHost();
  const signIn = new SignInPage(page, german);
  const createAccount = new CreateAccountPage(page, german);
  const checkEmail = new CheckEmailPage(page, german);

  await test.step('create the account in the app, in German', async () => {
    await host.open(page);
    await signIn.expectShown();
    await signIn.createAccountLink.click();
    await createAccount.expectShown();
    await createAccount.create(person);
    await checkEmail.expectShown(person.email);
  });

  const mail = await test.step('the confirmation e-mail is German: subject and body', async () => {
    const mail = await smtp.waitForMessage(person.email, { timeoutMs: 15_000 });
    // The subject in the service's words, when its catalogue has the English one.
    if (german.has(englishMail.subject)) expect(mail.subject).toBe(german.say(englishMail.subject));
    expect(mail.subject).not.toBe(englishMail.subject);
    expect(mail.subject).toMatch(/E-Mail-Adresse/);
    expect(mail.subject).toMatch(/bestätig/i);

    expect(mail.text).toContain(person.name);
    expect(mail.text).toMatch(/bestätig/i);
    expect(mail.text).toContain('E-Mail');
    expect(mail.text).not.toMatch(englishMail.greeting);
    expect(mail.text).not.toContain(englishMail.intro);
    expect(mail.text).not.toContain(englishMail.outro);
    // The HTML part says which language it is in.
    expect(mail.raw).not.toMatch(/<html lang=(3D)?"en"/);
    return mail;
  });

  await test.step('the link from the German mail confirms the account', async () => {
    await checkEmail.confirmWith(linkIn(mail, '/confirm'));
    await signIn.expectShown();
    await expect(signIn.email).toHaveValue(person.email);
  });
});
