import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CLOSE_UNAUTHORISED } from '../../../shared/contract/bridge-protocol';
import { launchSecretOf, sayHello } from './host-fixture';
import { startHostProcess } from './host-process';

let host: Awaited<ReturnType<typeof startHostProcess>>;

beforeAll(async () => {
  host = await startHostProcess();
});
afterAll(async () => {
  await host?.cleanUp();
});

describe('the host in its terminal', () => {
  it('prints a link that works once, and a fresh one each time Enter is pressed', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    expect(host.stdout()).toMatch(/^Palisade is running at http:\/\/127\.0\.0\.1:\d+\/#launch=\S+\nThat link works once, within 2 minutes\. Press Enter here for a fresh one\.\n$/);

    const first = await sayHello(origin, { launch: launchSecretOf(host.launchUrl) });
    expect(first).toMatchObject({ tab: expect.any(String) });
    if ('socket' in first) first.socket.close();
    expect(await sayHello(origin, { launch: launchSecretOf(host.launchUrl) })).toEqual({ closed: BRIDGE_CLOSE_UNAUTHORISED });

    const fresh = await host.freshLaunchUrl();
    expect(fresh).not.toBe(host.launchUrl);
    const second = await sayHello(origin, { launch: launchSecretOf(fresh) });
    expect(second).toMatchObject({ tab: expect.any(String) });
    if ('socket' in second) second.socket.close();
    // Nothing secret in the log: the links are on stdout only.
    expect(host.stderr()).not.toContain(launchSecretOf(fresh));
  });
});
