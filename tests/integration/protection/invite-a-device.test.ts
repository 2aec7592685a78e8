import { describe, expect, it } from 'vitest';
import { invitationResponseSchema } from '../../../shared/api/devices';
import { useService } from '../../support/use-service';
import { DAY, expectError, movableClock, signIn, uniqueEmail } from '../server/http';
import { signedInAccount } from './protection-fixture';

const clock = movableClock();

const { service, smtp, api } = useService({ now: clock.now });

const invite = (token: string, body: unknown) => api.post('/v1/devices/invitations', body, token);
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

describe('inviting another device', () => {
  it('e-mails a single-use link, valid 7 days, whose page opens the app or offers the download', async () => {
    const { token, name } = await signedInAccount(api, smtp, 'inviter');
    const to = uniqueEmail('invitee');
    const answer = await invite(token, { email: `  ${to.toUpperCase()} `, platform: 'macos' });
    expect(answer.status).toBe(201);
    const { link, expiresAt } = invitationResponseSchema.parse(answer.body);
    expect(link).toMatch(new RegExp(`^${service.url}/install\\?token=[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBeGreaterThan(7 * DAY - 60_000);
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(7 * DAY);

    const mail = await smtp.waitForMessage(to, { subject: /macOS/ });
    expect(mail.subject).toContain(name);
    expect(mail.text).toContain(link);

    const page = await api.get(new URL(link).pathname + new URL(link).search);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = String(page.body);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`href="palisade://install?token=${tokenOf(link)}"`);
    expect(html).toMatch(/Open in Palisade/);
    // The invited platform's download comes first.
    const downloads = [...html.matchAll(/Where to get Palisade for ([^<]+)</g)].map((m) => m[1]);
    expect(downloads[0]).toBe('macOS');
    expect(downloads).toContain('Windows');

    // The app, signed in to the inviting account, uses the invitation once.
    const accepted = await api.post('/v1/devices/invitations/accept', { token: tokenOf(link) }, token);
    expect(accepted).toMatchObject({ status: 200, body: { platform: 'macos' } });
    expectError(await api.post('/v1/devices/invitations/accept', { token: tokenOf(link) }, token), 400, 'TOKEN_INVALID');
    expect((await api.get(new URL(link).pathname + new URL(link).search)).status).toBe(410);
  });

  it('makes a link without an e-mail when no address is given', async () => {
    const { token, email } = await signedInAccount(api, smtp, 'no-mail');
    const before = smtp.messages().length;
    const answer = await invite(token, { platform: 'windows' });
    expect(answer.status).toBe(201);
    invitationResponseSchema.parse(answer.body);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages().slice(before).filter((m) => m.to !== email)).toEqual([]);
  });

  it('keeps invitations to their account and refuses bad input', async () => {
    const owner = await signedInAccount(api, smtp, 'owner');
    const stranger = await signedInAccount(api, smtp, 'stranger');
    const { link } = invitationResponseSchema.parse((await invite(owner.token, { platform: 'android' })).body);
    expectError(await api.post('/v1/devices/invitations/accept', { token: tokenOf(link) }, stranger.token), 400, 'TOKEN_INVALID');
    expectError(await api.post('/v1/devices/invitations/accept', { token: 'x'.repeat(43) }, owner.token), 400, 'TOKEN_INVALID');
    expectError(await invite(owner.token, { platform: 'beos' }), 400, 'VALIDATION_FAILED');
    expectError(await invite(owner.token, { email: 'not an address', platform: 'ios' }), 400, 'VALIDATION_FAILED');
    expectError(await invite(owner.token, {}), 400, 'VALIDATION_FAILED');
    expectError(await api.post('/v1/devices/invitations', { platform: 'ios' }), 401, 'UNAUTHORIZED');
    // A page for a link with no or a damaged token says so, and still offers the downloads.
    for (const path of ['/install', '/install?token=short']) {
      const page = await api.get(path);
      expect(page.status).toBe(400);
      expect(String(page.body)).toMatch(/Where to get Palisade for Windows/);
    }
  });

  // Moves the shared clock: keep last.
  it('expires after 7 days', async () => {
    const account = await signedInAccount(api, smtp, 'expiring');
    const { link } = invitationResponseSchema.parse((await invite(account.token, { platform: 'ios' })).body);
    clock.advance(7 * DAY + 1000);
    expect((await api.get(new URL(link).pathname + new URL(link).search)).status).toBe(410);
    const { accessToken } = await signIn(api, account.email, account.password);
    expectError(await api.post('/v1/devices/invitations/accept', { token: tokenOf(link) }, accessToken), 400, 'TOKEN_INVALID');
  });
});
