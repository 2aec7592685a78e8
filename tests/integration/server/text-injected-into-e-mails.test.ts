import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import type { CapturedMail } from '../../support/smtp';
import { signedInAccount } from '../protection/protection-fixture';
import { type Answer, confirmedAccount, expectError, GOOD_PASSWORD, uniqueEmail } from './http';

/**
 * The review's attack: a name with line breaks or text-direction controls put "call
 * +1-555-0100" on a line of its own in a security notice and in an invitation's subject,
 * where it reads as the mail's own advice. Such a name is refused where it comes in; one
 * already in the database is put into the mail on one line, in its own order.
 */
const { service, smtp, api } = useService();

const PHONE = /555-0100|0010-555/;

const attacks = {
  'CR/LF line breaks': 'Alice\r\n\r\nURGENT: your account is locked, call +1-555-0100',
  'a line feed': 'Alice\nURGENT: call +1-555-0100',
  'a line separator': 'Alice\u2028URGENT: call +1-555-0100',
  'a next-line control': 'Alice\u0085URGENT: call +1-555-0100',
  // Shows as "Alice URGENT: call +1-555-0100" though it is stored the other way round.
  'a right-to-left override': 'Alice \u202e0010-555-1+ llac :TNEGRU',
  'a right-to-left isolate': 'Alice \u2067URGENT: call +1-555-0100\u2069',
};

const BAD_CHARACTERS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function expectRefusedText(answer: Answer, field: string) {
  expect(expectError(answer, 400, 'VALIDATION_FAILED')).toEqual({
    fields: { [field]: { code: 'invalid_format', format: 'single_line_text', message: expect.any(String) } },
  });
}

const mailsTo = (email: string): CapturedMail[] => smtp.messages().filter((m) => m.to === email);

describe('text injected into e-mails', () => {
  it('refuses at the door a name that would put “call +1-555-0100” into an invitation’s subject', async () => {
    const inviter = await signedInAccount(api, smtp, 'inviter-at-door');
    for (const [attack, name] of Object.entries(attacks)) {
      const email = uniqueEmail('signup-at-door');
      const signup = await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name });
      expectRefusedText(signup, 'name');
      const rename = await api.patch('/v1/account', { name }, inviter.token);
      expectRefusedText(rename, 'name');
      expect(mailsTo(email), attack).toEqual([]);
    }
    expect((await api.get('/v1/account', inviter.token)).body).toMatchObject({ name: inviter.name });

    const invitee = uniqueEmail('invitee-at-door');
    expect(
      (await api.post('/v1/devices/invitations', { email: invitee, platform: 'windows' }, inviter.token)).status,
    ).toBe(201);
    const invitation = await smtp.waitForMessage(invitee);
    expect(invitation.subject).toBe(`${inviter.name} invited you to protect a Windows device with Palisade`);
  });

  it('refuses at the door a sign-in device name that would put “call +1-555-0100” into the new sign-in notice', async () => {
    const account = await confirmedAccount(api, smtp, 'notice-at-door');
    expect((await api.post('/v1/auth/login', { email: account.email, password: account.password })).status).toBe(200);
    for (const deviceName of Object.values(attacks)) {
      const answer = await api.post('/v1/auth/login', { email: account.email, password: account.password, deviceName });
      expectRefusedText(answer, 'deviceName');
    }
    // A sign-in from a new device that is not an attack is told of, so silence above means refusal.
    expect(
      (await api.post('/v1/auth/login', { email: account.email, password: account.password, deviceName: 'Tablet' }))
        .status,
    ).toBe(200);
    const notice = await smtp.waitForMessage(account.email, { subject: /New sign-in/ });
    expect(notice.text).toContain('Device: Tablet');
    expect(mailsTo(account.email).filter((m) => PHONE.test(m.subject + m.text))).toEqual([]);
  });

  describe('a name already in the database with such characters', () => {
    // What the rule refuses, written straight into the database as an older service would have kept it.
    const stored = 'Alice\r\n\r\nURGENT: call +1-555-0100\u2028\u202e(support)\u202c\u2066\t\u001b';
    const neutralised = 'Alice URGENT: call +1-555-0100 (support)';

    async function accountNamed(label: string) {
      const account = await signedInAccount(api, smtp, label);
      await service.services.db.updateTable('users').set({ name: stored }).where('email', '=', account.email).execute();
      return account;
    }

    it('is put into an invitation’s subject and body on one line, in its own order', async () => {
      const inviter = await accountNamed('stored-inviter');
      const invitee = uniqueEmail('stored-invitee');
      const answer = await api.post('/v1/devices/invitations', { email: invitee, platform: 'macos' }, inviter.token);
      expect(answer.status).toBe(201);
      const mail = await smtp.waitForMessage(invitee);
      expect(mail.subject).toBe(`${neutralised} invited you to protect a macOS device with Palisade`);
      expect(mail.subject).not.toMatch(BAD_CHARACTERS);
      expectOnOneLine(mail, `${neutralised} has a Palisade subscription`);
    });

    it('is put into a security notice’s greeting on one line, in its own order', async () => {
      const account = await accountNamed('stored-notice');
      const change = await api.post(
        '/v1/account/password',
        { currentPassword: account.password, newPassword: 'another quiet lighthouse at dusk' },
        account.token,
      );
      expect(change.status, JSON.stringify(change.body)).toBe(204);
      const notice = await smtp.waitForMessage(account.email, { subject: /password/i });
      expect(notice.text.split('\n')[0]).toBe(`Hello ${neutralised},`);
      expectOnOneLine(notice, `Hello ${neutralised},`);
    });
  });
});

/** `line` is in the mail's text as one line of it, and no line of text or HTML holds a control that reorders or breaks it. */
function expectOnOneLine(mail: CapturedMail, line: string) {
  const lines = mail.text.split('\n');
  expect(
    lines.some((l) => l.includes(line)),
    mail.text,
  ).toBe(true);
  expect(lines.filter((l) => /^\s*URGENT/.test(l))).toEqual([]);
  expect(mail.text.replace(/\n/g, '')).not.toMatch(BAD_CHARACTERS);
}
