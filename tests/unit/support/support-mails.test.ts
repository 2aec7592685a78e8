import { describe, expect, it } from 'vitest';
import { ticketOpenedMail, ticketReplyMail } from '../../../server/src/mail/support-mails';

const to = (language: 'en' | 'de') => ({ email: 'kim@example.test', name: 'Kim', language });

describe('the support e-mails', () => {
  it('confirm the ticket number in English and in German', () => {
    const en = ticketOpenedMail(to('en'), { number: 'T-000042', subject: 'Scan stops' });
    expect(en.subject).toBe('Your support ticket T-000042');
    expect(en.text).toContain('Your ticket number is T-000042.');
    const de = ticketOpenedMail(to('de'), { number: 'T-000042', subject: 'Scan stoppt' });
    expect(de.subject).toBe('Ihr Support-Ticket T-000042');
    expect(de.text).toContain('Ihre Ticketnummer ist T-000042.');
    expect(de.text).toContain('„Scan stoppt“');
  });

  it('carry a customer’s subject and an agent’s reply as text, never as markup', () => {
    const opened = ticketOpenedMail(to('en'), { number: 'T-000043', subject: '<img src=x onerror=alert(1)> {number}' });
    expect(opened.html).not.toContain('<img');
    expect(opened.html).toContain('&lt;img');
    // An ICU placeholder a customer typed stays as typed.
    expect(opened.text).toContain('> {number}”');
    const reply = ticketReplyMail(to('de'), { number: 'T-000043', agent: 'Jo', body: 'Try <b>this</b>\nthen restart.' });
    expect(reply.subject).toBe('Eine Antwort auf Ihr Support-Ticket T-000043');
    expect(reply.text).toContain('Try <b>this</b>');
    expect(reply.html).not.toContain('<b>this');
  });
});
