import { afterEach, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectTokens, GOOD_PASSWORD } from '../server/http';
import { ofType, type OpenStream, openStream } from './event-stream-client';

const { service, api, smtp } = useService({ env: { EVENTS_KEEP_ALIVE_MS: '300' } });
const streams: OpenStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));
const open = async (token: string) => {
  const stream = await openStream(service.url, token);
  streams.push(stream);
  await stream.next(ofType('ready'));
  return stream;
};
const signInOn = async (email: string, deviceName: string, password = GOOD_PASSWORD) =>
  expectTokens(await api.post('/v1/auth/login', { email, password, deviceName }));

it('a password changed on another computer ends this session with who and when, and its stream ends', async () => {
  const account = await confirmedAccount(api, smtp, 'events-password');
  const laptop = await signInOn(account.email, 'Laptop');
  const desk = await signInOn(account.email, 'Desk PC');
  const stream = await open(laptop.accessToken);
  const deskStream = await open(desk.accessToken);

  const changed = await api.post('/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'another quiet lighthouse at dusk' }, desk.accessToken);
  expect(changed.status, JSON.stringify(changed.body)).toBeLessThan(300);
  const revoked = await stream.next(ofType('session.revoked'));
  expect(revoked.data).toMatchObject({ reason: 'password_changed', byDeviceName: 'Desk PC' });
  expect(Date.parse((revoked.data as { at: string }).at)).not.toBeNaN();
  await stream.ended;
  // The computer that changed it keeps its session and its stream, and hears of the other's end.
  expect((await deskStream.next(ofType('session.revoked'))).data).toMatchObject({ reason: 'password_changed' });
  expect((await deskStream.next((m) => m.comment !== undefined)).comment).toBe('keep-alive');
});

it('a session ended from another computer, and signing out everywhere, end their streams', async () => {
  const account = await confirmedAccount(api, smtp, 'events-sessions');
  const laptop = await signInOn(account.email, 'Laptop');
  const desk = await signInOn(account.email, 'Desk PC');
  const stream = await open(laptop.accessToken);
  const sessions = (await api.get('/v1/account/sessions', desk.accessToken)).body as { id: string; current: boolean }[];
  const laptopSession = sessions.find((s) => !s.current)!;
  expect((await api.request('DELETE', `/v1/account/sessions/${laptopSession.id}`, { token: desk.accessToken })).status).toBe(204);
  expect((await stream.next(ofType('session.revoked'))).data).toMatchObject({ sessionId: laptopSession.id, reason: 'ended_elsewhere', byDeviceName: 'Desk PC' });
  await stream.ended;

  const deskStream = await open(desk.accessToken);
  expect((await api.post('/v1/auth/logout-all', undefined, desk.accessToken)).status).toBeLessThan(300);
  expect((await deskStream.next(ofType('session.revoked'))).data).toMatchObject({ reason: 'signed_out_everywhere' });
  await deskStream.ended;
  // Revoked: a new stream is refused.
  expect((await openStream(service.url, desk.accessToken)).status).toBe(401);
});

it('a refresh token presented twice ends its session and tells its stream why', async () => {
  const account = await confirmedAccount(api, smtp, 'events-reuse');
  const tokens = await signInOn(account.email, 'Laptop');
  const stream = await open(tokens.accessToken);
  expectTokens(await api.post('/v1/auth/refresh', { refreshToken: tokens.refreshToken }));
  expect((await api.post('/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
  expect((await stream.next(ofType('session.revoked'))).data).toMatchObject({ reason: 'refresh_token_reused', byDeviceName: null });
  await stream.ended;
});
