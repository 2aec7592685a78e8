import { describe, expect, it } from 'vitest';
import { messagesIn } from '../../../server/src/i18n/service-messages';
import { confirmationMail } from '../../../server/src/mail/identity-mails';
import { newSignInMail, recoveryCodeUsedMail } from '../../../server/src/mail/security-mails';

const when = new Date('2026-03-05T17:04:00Z');

describe("the service's sentences", () => {
  it('are made once per language', () => {
    expect(messagesIn('de')).toBe(messagesIn('de'));
    expect(messagesIn('de')).not.toBe(messagesIn('en'));
  });

  it('write moments in the language, in UTC, and say so', () => {
    expect(messagesIn('en').dateTime(when)).toMatch(/^March 5, 2026 at 5:04\sPM UTC$/);
    expect(messagesIn('de').dateTime(when)).toBe('5. März 2026 um 17:04 UTC');
  });

  it('escape the sentence and its values as HTML, and put trusted markup in as it is', () => {
    const { html } = messagesIn('en');
    expect(html('mail.greeting', { name: '<b>Ann & "Bo"</b>' })).toBe(
      'Hello &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;,',
    );
    expect(html('mail.openThisLink', {}, { link: '<a href="https://x.test/?a=1&amp;b=2">x</a>' })).toBe(
      'Or open this link: <a href="https://x.test/?a=1&amp;b=2">x</a>',
    );
    // A value that looks like a placeholder for markup stays text.
    expect(html('mail.newSignIn.device', {}, { device: '<strong>x</strong>' })).toBe('Device: <strong>x</strong>');
    expect(html('mail.greeting', { name: '\uE0000\uE001' })).toBe('Hello 0,');
  });

  it('count recovery codes in both languages', () => {
    const to = (language: 'en' | 'de') => ({ email: 'a@b.test', name: 'Ann', language });
    expect(recoveryCodeUsedMail(to('en'), when, 1).text).toContain('Each code works once: 1 code is left.');
    expect(recoveryCodeUsedMail(to('en'), when, 0).text).toContain('0 codes are left.');
    expect(recoveryCodeUsedMail(to('de'), when, 1).text).toContain('Ihnen bleibt noch 1 Code.');
    expect(recoveryCodeUsedMail(to('de'), when, 9).text).toContain('Ihnen bleiben noch 9 Codes.');
  });
});

describe('e-mails', () => {
  it('are written in the recipient’s language, subject, text and HTML', () => {
    const mail = confirmationMail(
      { email: 'jana@example.test', name: 'Jana', language: 'de' },
      'https://x.test/confirm?token=abc',
    );
    expect(mail.subject).toBe('Bestätigen Sie Ihre E-Mail-Adresse für Palisade');
    expect(mail.text.split('\n')[0]).toBe('Hallo Jana,');
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.html).toContain('>E-Mail-Adresse bestätigen</a>');
    expect(mail.html).not.toMatch(/Hello|Confirm/);
  });

  it('list a new sign-in’s facts, with the unknown ones named in the language', () => {
    const mail = newSignInMail(
      { email: 'a@b.test', name: 'Ann', language: 'de' },
      { deviceName: null, clientAddress: null, when },
    );
    expect(mail.text).toContain('Gerät: Gerät ohne Namen\nZeit: 5. März 2026 um 17:04 UTC\nAdresse: unbekannt');
    expect(mail.html).toContain('<li>Gerät: <strong>Gerät ohne Namen</strong></li>');
  });
});
