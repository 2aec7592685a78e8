import { afterAll, describe, expect, it } from 'vitest';
import type { SessionEnd } from '../../../shared/contract/session';
import type { ThisComputerState } from '../../../shared/contract/this-computer';
import { useService } from '../../support/use-service';
import { activate, mintKeys } from '../protection/protection-fixture';
import { confirmedAccount, GOOD_PASSWORD, signIn } from '../server/http';
import { type SecurityDesktop, startSecurityDesktop } from './security-desktop';

/**
 * The app follows the account's event stream: what another computer does reaches this one
 * within seconds, with no poll (the heartbeat interval is six hours here, as shipped).
 */
const desktops: SecurityDesktop[] = [];
const { service, smtp, api } = useService();
afterAll(async () => {
  for (const desktop of desktops) desktop.stop();
});

function desktop(seed: string): SecurityDesktop {
  const started = startSecurityDesktop(service.url, seed);
  desktops.push(started);
  return started;
}

/** Records the app's pushes of one event name. */
function pushesOf<T>(app: SecurityDesktop, name: string): T[] {
  const seen: T[] = [];
  app.services.events.subscribe((emitted, payload) => {
    if (emitted === name) seen.push(payload as T);
  });
  return seen;
}

async function within<T>(ms: number, look: () => T | undefined | false): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = look();
    if (found) return found;
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resolves once the app's stream to the service is open: what happens from then on reaches it. */
async function streaming(app: SecurityDesktop) {
  await within(5_000, () => app.services.accountEvents.connected());
}

describe('changes made elsewhere on the account', () => {
  it('deactivated from another computer: this one says so within 5 s, with no poll', async () => {
    const account = await confirmedAccount(api, smtp, 'removed-elsewhere');
    const here = desktop('removed-elsewhere-here');
    expect(await here.signIn(account.email, account.password)).toBe('signedIn');
    const [key] = await mintKeys(service.services.db, 'essentials');
    const elsewhere = await signIn(api, account.email, account.password);
    await activate(api, elsewhere.accessToken, key!);
    const registered = await here.value<ThisComputerState>('thisComputer.register', {});
    expect(registered.state).toBe('protected');
    const devicesChanged = pushesOf<{ deviceId: string | null }>(here, 'devices.changed');
    await streaming(here);

    // "Another computer" deactivates this one through the HTTP API.
    const removed = await api.request('DELETE', `/v1/devices/${registered.device!.id}`, { token: elsewhere.accessToken });
    expect(removed.status).toBe(204);

    const started = Date.now();
    const state = await within(5_000, () => here.pushed.find((s) => s.state === 'removed'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(state).toMatchObject({ state: 'removed', device: { id: registered.device!.id, status: 'deactivated' } });
    expect(state.removedAt).not.toBeNull();
    // The renderer is told to read the device list again.
    expect(devicesChanged.map((c) => c.deviceId)).toContain(registered.device!.id);
  });

  it('a subscription extended elsewhere: the renderer is told to read them again', async () => {
    const account = await confirmedAccount(api, smtp, 'subscription-elsewhere');
    const here = desktop('subscription-elsewhere-here');
    expect(await here.signIn(account.email, account.password)).toBe('signedIn');
    const changed = pushesOf<{ subscriptionId: string | null }>(here, 'subscriptions.changed');
    await streaming(here);
    const elsewhere = await signIn(api, account.email, account.password);
    const [key] = await mintKeys(service.services.db, 'essentials');
    const subscription = await activate(api, elsewhere.accessToken, key!);
    await within(5_000, () => changed.some((c) => c.subscriptionId === subscription.id));
  });

  it('signed out by a password change on another device: the session ends here, with the reason', async () => {
    const account = await confirmedAccount(api, smtp, 'password-elsewhere');
    const here = desktop('password-elsewhere-here');
    const there = desktop('password-elsewhere-there');
    expect(await here.signIn(account.email, account.password)).toBe('signedIn');
    expect(await there.signIn(account.email, account.password)).toBe('signedIn');
    const endedHere = pushesOf<SessionEnd>(here, 'session.ended');
    const endedThere = pushesOf<SessionEnd>(there, 'session.ended');
    await streaming(here);
    await streaming(there);

    const before = Date.now();
    const newPassword = 'a different lighthouse at dusk';
    expect(await there.value('account.changePassword', { currentPassword: GOOD_PASSWORD, newPassword })).toBeNull();

    const ended = await within(5_000, () => endedHere[0]);
    expect(ended.reason).toBe('password_changed');
    expect(ended.byDeviceName).toMatch(/Palisade/);
    expect(Date.parse(ended.at)).toBeGreaterThanOrEqual(before - 1_000);
    expect(here.sessions.at(-1)?.user).toBeNull();
    expect((await here.value<{ user: unknown }>('session.get')).user).toBeNull();

    // The device that changed it stays signed in and is told nothing of the kind.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(endedThere).toEqual([]);
    expect((await there.value<{ user: unknown }>('session.get')).user).not.toBeNull();
  });

  it('signing out stops the stream: nothing on the account reaches this app afterwards', async () => {
    const account = await confirmedAccount(api, smtp, 'stream-stops');
    const here = desktop('stream-stops-here');
    expect(await here.signIn(account.email, account.password)).toBe('signedIn');
    await streaming(here);
    const subscriptions = pushesOf<unknown>(here, 'subscriptions.changed');
    expect(await here.value('auth.signOut')).toBeNull();
    expect(here.services.accountEvents.connected()).toBe(false);
    // Something happens on the account after sign-out: nothing reaches this app.
    const elsewhere = await signIn(api, account.email, account.password);
    const [key] = await mintKeys(service.services.db, 'essentials');
    await activate(api, elsewhere.accessToken, key!);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(subscriptions).toEqual([]);
  });

  it('stopping the app closes the stream and leaves nothing to reconnect it', async () => {
    const account = await confirmedAccount(api, smtp, 'app-stops');
    const here = desktop('app-stops-here');
    expect(await here.signIn(account.email, account.password)).toBe('signedIn');
    await streaming(here);
    here.stop();
    expect(here.services.accountEvents.connected()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(here.services.accountEvents.connected()).toBe(false);
  });
});
