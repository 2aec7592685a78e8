import { describe, expect, it } from 'vitest';
import { downloadListSchema } from '../../../shared/api/downloads';
import { useService } from '../../support/use-service';
import { expectError } from '../server/http';
import { signedInAccount } from '../protection/protection-fixture';

const { api, smtp } = useService();

describe('e-mail me the link', () => {
  it('sends the phone app’s store link to the account’s own address, in its language', async () => {
    const account = await signedInAccount(api, smtp, 'store-link');
    const answer = await api.post('/v1/downloads/email-link', { platform: 'ios' }, account.token);
    expect(answer.status).toBe(204);
    const mail = await smtp.waitForMessage(account.email);
    expect(mail.subject).toBe('Palisade for iPhone and iPad');
    expect(mail.text).toContain('https://apps.apple.com/app/palisade/id6450000000');

    // The account's language wins over the browser's, for the app's call.
    expect((await api.patch('/v1/account', { language: 'de' }, account.token)).status).toBe(200);
    const list = downloadListSchema.parse((await api.request('GET', '/v1/downloads', { token: account.token, headers: { 'accept-language': 'en' } })).body);
    expect(list.find((d) => d.platform === 'android')?.instructions[1]).toBe('Installieren und öffnen Sie Palisade.');
  });

  it('is for a signed-in account only, and for a phone only', async () => {
    expectError(await api.post('/v1/downloads/email-link', { platform: 'android' }), 401, 'UNAUTHORIZED');
    const account = await signedInAccount(api, smtp, 'store-link-bad');
    for (const body of [{ platform: 'windows' }, {}, { platform: 'android', to: 'someone@else.test' }]) {
      const details = expectError(await api.post('/v1/downloads/email-link', body, account.token), 400, 'VALIDATION_FAILED');
      expect(details, JSON.stringify(body)).toBeDefined();
    }
  });
});
