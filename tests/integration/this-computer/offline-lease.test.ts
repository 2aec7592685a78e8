import { afterEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../../../shared/api/subscriptions';
import type { ThisComputerState } from '../../../shared/contract/this-computer';
import { type InProcessService, startService } from '../../support/service';
import { type SmtpCapture, startSmtpCapture } from '../../support/smtp';
import { client, confirmedAccount } from '../server/http';
import { mintKeys } from '../protection/protection-fixture';
import { type Desktop, startDesktop } from './desktop';

let service: InProcessService | undefined;
let smtp: SmtpCapture | undefined;
const desktops: Desktop[] = [];

afterEach(async () => {
  for (const desktop of desktops.splice(0)) desktop.stop();
  await service?.stop();
  await smtp?.stop();
  service = undefined;
  smtp = undefined;
});

describe('the lease, verified offline', () => {
  it('keeps "protected until" when the service is gone, and after a restart of the app', async () => {
    smtp = await startSmtpCapture();
    service = await startService({ env: { SMTP_URL: smtp.url } });
    const account = await confirmedAccount(client(service.url), smtp, 'offline');
    const [key] = await mintKeys(service.services.db, 'family');
    const pc = startDesktop(service.url, 'offline-computer');
    desktops.push(pc);
    expect(await pc.value('auth.signIn', { email: account.email, password: account.password })).toMatchObject({ status: 'signedIn' });
    const subscription = await pc.value<Subscription>('subscriptions.activate', { productKey: key });
    const registered = await pc.value<ThisComputerState>('thisComputer.register', {});
    expect(registered).toMatchObject({ state: 'protected', protectedUntil: subscription.expiresAt });

    // The service goes away (in-process: closed and its database dropped).
    const url = service.url;
    await service.stop();
    service = undefined;
    const offline = await pc.value<ThisComputerState>('thisComputer.check');
    expect(offline).toMatchObject({
      state: 'protected',
      offline: true,
      protectedUntil: subscription.expiresAt,
      lastCheckedAt: registered.lastCheckedAt,
      device: { id: registered.device!.id },
    });
    expect(pc.pushed.at(-1)).toMatchObject({ state: 'protected', offline: true });

    // The app restarts, still without a service: the stored lease, checked against the pinned key, answers.
    pc.stop();
    const restarted = startDesktop(url, 'offline-computer', pc.store);
    desktops.push(restarted);
    expect(await restarted.value<ThisComputerState>('thisComputer.status')).toMatchObject({
      state: 'protected',
      protectedUntil: subscription.expiresAt,
      device: { id: registered.device!.id },
    });
    // Another machine with that store copied over is not this computer: the lease names a fingerprint.
    const copied = startDesktop(url, 'a-different-computer', pc.store);
    desktops.push(copied);
    await copied.services.fingerprint.refresh();
    expect((await copied.value<ThisComputerState>('thisComputer.status')).state).not.toBe('protected');
  });
});
