import { describe, expect, it } from 'vitest';
import { confirmationMail } from '../../../server/src/mail/identity-mails';
import { invitationMail } from '../../../server/src/mail/invitation-mail';
import type { MailMessage } from '../../../server/src/mail/mailer';
import { newSignInMail, passwordChangedMail } from '../../../server/src/mail/security-mails';

/**
 * Whatever a name holds (stored before the text rule, or from anywhere), the mail layout
 * puts it in on one line and in its own order, in the subject, the text and the HTML alike.
 */
const injected = 'Alice\r\n\r\nURGENT: call +1-555-0100\u2028\u202e(support)\u202c\u2067\u0000';
const oneLine = 'Alice URGENT: call +1-555-0100 (support)';
const UNUSABLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const when = new Date('2026-03-05T17:04:00Z');
const to = { email: 'alice@example.test', name: injected, language: 'en' as const };

function expectNoBrokenLine(mail: MailMessage) {
  expect(mail.subject).not.toMatch(UNUSABLE);
  expect(mail.text.split('\n').filter((line) => /^\s*URGENT/.test(line))).toEqual([]);
  expect(mail.text.replace(/\n/g, '')).not.toMatch(UNUSABLE);
  expect(mail.html.replace(/\n/g, '')).not.toMatch(UNUSABLE);
}

describe('a name with line breaks and text-direction controls in a mail', () => {
  it('stays on one line of an invitation’s subject, text and HTML', () => {
    const mail = invitationMail({
      to: 'invitee@example.test',
      inviterName: injected,
      language: 'en',
      platform: 'windows',
      link: 'https://palisade.test/install?token=abc',
      validDays: 7,
    });
    expect(mail.subject).toBe(`${oneLine} invited you to protect a Windows device with Palisade`);
    expect(mail.html).toContain(`${oneLine} has a Palisade subscription`);
    expectNoBrokenLine(mail);
  });

  it('stays on one line of a security notice’s greeting and facts', () => {
    const changed = passwordChangedMail(to, when, 'changed');
    expect(changed.text.split('\n')[0]).toBe(`Hello ${oneLine},`);
    expectNoBrokenLine(changed);

    const signIn = newSignInMail(to, { deviceName: injected, clientAddress: '127.0.0.1', when });
    expect(signIn.text).toContain(`Device: ${oneLine}\n`);
    expect(signIn.html).toContain(`<strong>${oneLine}</strong>`);
    expectNoBrokenLine(signIn);
  });

  it('stays on one line of a mail with a link', () => {
    const mail = confirmationMail(to, 'https://palisade.test/confirm?token=abc');
    expect(mail.text.split('\n')[0]).toBe(`Hello ${oneLine},`);
    expectNoBrokenLine(mail);
  });
});
