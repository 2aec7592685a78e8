import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { expectError, GOOD_PASSWORD, linkToken, signIn, uniqueEmail } from './http';

const { smtp, api } = useService();

describe("e-mails in the account's language", () => {
  it('writes to an account made in German in German, and in English once it chooses English', async () => {
    const email = uniqueEmail('deutsch');
    const signup = await api.post('/v1/auth/signup', {
      email,
      password: GOOD_PASSWORD,
      name: 'Jana Schmidt',
      language: 'de',
    });
    expect(signup.status).toBe(202);

    const confirmation = await smtp.waitForMessage(email);
    expect(confirmation.subject).toBe('Bestätigen Sie Ihre E-Mail-Adresse für Palisade');
    expect(confirmation.text).toContain('Hallo Jana Schmidt,');
    expect(confirmation.text).toContain(
      'Bestätigen Sie Ihre E-Mail-Adresse, um die Einrichtung Ihres Palisade-Kontos abzuschließen.',
    );
    expect(confirmation.text).not.toMatch(/Hello|Confirm your/);
    expect(confirmation.raw).toMatch(/<html lang=(3D)?"de">/); // quoted-printable on the wire
    const { token } = linkToken(confirmation, '/confirm');
    expect((await api.post('/v1/auth/confirm', { token })).status).toBe(200);

    const { accessToken } = await signIn(api, email, GOOD_PASSWORD);
    expect((await api.get('/v1/account', accessToken)).body).toMatchObject({ language: 'de' });
    expect((await api.patch('/v1/account', { language: 'en' }, accessToken)).body).toMatchObject({ language: 'en' });

    expect((await api.post('/v1/auth/password/forgot', { email })).status).toBe(202);
    const reset = await smtp.waitForMessage(email, { subject: /reset/i });
    expect(reset.subject).toBe('Reset your Palisade password');
    expect(reset.text).toContain('Hello Jana Schmidt,');
    expect(reset.text).toContain('The link works for 30 minutes, once.');
    expect(reset.raw).toMatch(/<html lang=(3D)?"en">/);
  });

  it('tells of a new sign-in in German, with the time in German and in UTC', async () => {
    const email = uniqueEmail('anmeldung');
    await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Lena Weber', language: 'de' });
    const { token } = linkToken(await smtp.waitForMessage(email), '/confirm');
    expect((await api.post('/v1/auth/confirm', { token })).status).toBe(200);
    expect((await api.post('/v1/auth/login', { email, password: GOOD_PASSWORD, deviceName: 'Büro' })).status).toBe(200);
    expect((await api.post('/v1/auth/login', { email, password: GOOD_PASSWORD, deviceName: 'Tablet' })).status).toBe(
      200,
    );

    const notice = await smtp.waitForMessage(email, { subject: /Neue Anmeldung/ });
    expect(notice.subject).toBe('Neue Anmeldung bei Ihrem Palisade-Konto');
    expect(notice.text).toContain('Gerät: Tablet');
    expect(notice.text).toMatch(/Zeit: \d{1,2}\. [A-Za-zä]+ \d{4} um \d{2}:\d{2} UTC/);
    expect(notice.text).toContain('Adresse: 127.0.0.1');
  });

  it('writes in English when sign-up names no language, and refuses a language it does not speak', async () => {
    const email = uniqueEmail('english');
    expect((await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Sam Jones' })).status).toBe(202);
    expect((await smtp.waitForMessage(email)).subject).toBe('Confirm your e-mail address for Palisade');

    for (const language of ['fr', 'german', 'EN', 1]) {
      const details = expectError(
        await api.post('/v1/auth/signup', {
          email: uniqueEmail('unknown'),
          password: GOOD_PASSWORD,
          name: 'Nope',
          language,
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect(details, JSON.stringify(language)).toEqual({
        fields: { language: { code: expect.stringMatching(/^invalid_/), message: expect.any(String) } },
      });
    }
  });

  it("shows the pages that e-mail links open in the browser's language, English otherwise", async () => {
    const email = uniqueEmail('page');
    await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Page Reader' });
    const { link, token } = linkToken(await smtp.waitForMessage(email), '/confirm');
    const path = new URL(link).pathname + new URL(link).search;

    const german = await api.request('GET', path, { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' } });
    expect(german.status).toBe(200);
    expect(german.headers.get('vary')).toMatch(/accept-language/i);
    const html = String(german.body);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Bestätigen Sie Ihre E-Mail-Adresse</h1>');
    expect(html).toContain('Palisade öffnen');
    expect(html).toContain(`<code>${token}</code>`);

    for (const header of ['fr-FR,fr;q=0.9', undefined]) {
      const other = await api.request('GET', path, header ? { headers: { 'accept-language': header } } : {});
      expect(String(other.body)).toContain('<html lang="en">');
      expect(String(other.body)).toContain('<h1>Confirm your e-mail address</h1>');
    }

    const incomplete = await api.request('GET', '/reset-password?token=short', {
      headers: { 'accept-language': 'de' },
    });
    expect(incomplete.status).toBe(400);
    expect(String(incomplete.body)).toContain('<h1>Dieser Link ist unvollständig</h1>');
  });
});
