import { describe, expect, it } from 'vitest';
import { invitationResponseSchema } from '../../../shared/api/devices';
import { useService } from '../../support/use-service';
import { uniqueEmail } from '../server/http';
import { signedInAccount } from './protection-fixture';

const { service, smtp, api } = useService();

const languages = { en: 'en-GB,en;q=0.8', de: 'de-DE,de;q=0.9,en;q=0.5' } as const;
const getIn = (path: string, language: keyof typeof languages) =>
  api.request('GET', path, { headers: { 'accept-language': languages[language] } });

/** Every address a page links to on the service itself (palisade:// is the app's, not the service's). */
function serviceLinks(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&'))
    .filter((href) => href.startsWith(service.url));
}

describe('the pages an invitation leads to', () => {
  for (const language of ['en', 'de'] as const) {
    it(`in ${language}: the install page's links all answer a page in that language, never a raw 404`, async () => {
      const { token } = await signedInAccount(api, smtp, `pages-${language}`);
      const to = uniqueEmail(`invited-${language}`);
      const answer = await api.post('/v1/devices/invitations', { email: to, platform: 'android' }, token);
      const { link } = invitationResponseSchema.parse(answer.body);
      const mail = await smtp.waitForMessage(to);
      expect(mail.text).toContain(link);
      const invitationToken = new URL(link).searchParams.get('token')!;

      const install = await getIn(new URL(link).pathname + new URL(link).search, language);
      expect(install.status).toBe(200);
      const html = String(install.body);
      expect(html).toContain(`<html lang="${language}">`);
      // Where palisade:// cannot be followed: paste the page's address or the code into the app.
      expect(html).toContain(language === 'en' ? 'I have an invitation link' : 'Ich habe einen Einladungslink');
      expect(html).toContain(`<code>${invitationToken}</code>`);

      // The three computers' downloads (no installer is published here) and the whole downloads page.
      const links = serviceLinks(html);
      expect(links.length).toBeGreaterThanOrEqual(4);
      // The phones go to their stores.
      expect(html).toContain('https://play.google.com/store/apps/details?id=test.palisade.app');
      for (const href of links) {
        const page = await getIn(new URL(href).pathname + new URL(href).search, language);
        expect(page.status, href).toBe(200);
        expect(page.headers.get('content-type'), href).toMatch(/^text\/html/);
        expect(String(page.body), href).toContain(`<html lang="${language}">`);
      }
    });

    it(`in ${language}: the downloads page says plainly what is published, and the phones' stores`, async () => {
      const all = await getIn('/downloads', language);
      expect(all.status).toBe(200);
      const text = String(all.body);
      expect(text).toContain(
        language === 'en'
          ? 'No installer for Windows has been published yet.'
          : 'Für Windows wurde noch kein Installationsprogramm veröffentlicht.',
      );
      expect(text).toContain('https://apps.apple.com/app/palisade/id6450000000');
      expect(all.headers.get('content-security-policy')).toContain("default-src 'none'");

      // The platform asked for comes first.
      const phone = String((await getIn('/downloads?platform=ios', language)).body);
      expect(phone.indexOf('id="platform-ios"')).toBeGreaterThan(0);
      expect(phone.indexOf('id="platform-ios"')).toBeLessThan(phone.indexOf('id="platform-windows"'));
      // A platform it does not know is the page for all of them, not an error.
      const unknown = await getIn('/downloads?platform=beos', language);
      expect(unknown.status).toBe(200);
      expect(String(unknown.body)).not.toContain('<script');
    });

    it(`in ${language}: a spent or broken invitation's page still leads to the downloads page`, async () => {
      const page = await getIn('/install?token=short', language);
      expect(page.status).toBe(400);
      const links = serviceLinks(String(page.body));
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) expect((await getIn(new URL(href).pathname + new URL(href).search, language)).status).toBe(200);
    });
  }
});
