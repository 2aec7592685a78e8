import { randomBytes } from 'node:crypto';
import type { CapturedMail, SmtpCapture } from '../../support/smtp';

export interface Person {
  name: string;
  email: string;
  password: string;
}

/**
 * Someone new: an e-mail address no other test uses (specs share a service per worker),
 * and a long passphrase that no common-password list holds.
 */
export function newPerson(label: string, name = 'Robin Fairweather'): Person {
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return { name, email: `${label}-${suffix}@palisade.test`, password: `Lantern harbour ${suffix} quietly` };
}

/** The `…/confirm?token=…` or `…/reset-password?token=…` link in a mail, as a person would copy it. */
export function linkIn(mail: CapturedMail, path: '/confirm' | '/reset-password'): string {
  const link = new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_%-]+`).exec(mail.text)?.[0];
  if (!link) throw new Error(`No ${path} link in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}

/** The `XXXX-XXXX` code a confirmation or reset mail shows beside its link. */
export function codeIn(mail: CapturedMail): string {
  const code = /\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b/.exec(mail.text)?.[0];
  if (!code) throw new Error(`No code in the mail "${mail.subject}":\n${mail.text}`);
  return code;
}

export const subjects = {
  confirmation: /Confirm your e-mail address/,
  passwordReset: /Reset your Palisade password/,
};

/** Account set-up that is not under test: straight to the service's HTTP API, as any client could. */
export class Accounts {
  constructor(
    private readonly serviceUrl: string,
    private readonly smtp: SmtpCapture,
  ) {}

  /** Signs up and follows the confirmation link, so the person can sign in straight away. */
  async createConfirmed(person: Person): Promise<Person> {
    await this.post('/v1/auth/signup', { email: person.email, password: person.password, name: person.name }, 202);
    const mail = await this.smtp.waitForMessage(person.email, { subject: subjects.confirmation });
    const token = new URL(linkIn(mail, '/confirm')).searchParams.get('token');
    await this.post('/v1/auth/confirm', { token }, 200);
    return person;
  }

  /** Wrong passwords until the service says the account is locked. */
  async lock(email: string): Promise<void> {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const status = await this.login(email, `not the password ${attempt}`);
      if (status === 423) return;
      if (status !== 401) throw new Error(`sign-in answered ${status} while locking ${email}`);
    }
    throw new Error(`${email} did not lock after 10 wrong passwords`);
  }

  private async login(email: string, password: string): Promise<number> {
    const response = await fetch(new URL('/v1/auth/login', this.serviceUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    await response.body?.cancel();
    return response.status;
  }

  private async post(path: string, body: unknown, expected: number): Promise<void> {
    const response = await fetch(new URL(path, this.serviceUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`POST ${path} answered ${response.status}, not ${expected}: ${text}`);
  }
}
