import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CLOSE_UNAUTHORISED } from '../../../shared/contract/bridge-protocol';
import { spawnService, type SpawnedService } from '../../support/service';
import { connectRaw, type HostUnderTest, launchSecretOf, sayHello, startHostUnderTest } from './host-fixture';

let service: SpawnedService;
let h: HostUnderTest;
let origin: string;
let bridge: string;

beforeAll(async () => {
  service = await spawnService({ args: ['--seed-demo'] });
  h = await startHostUnderTest(service.url);
  origin = h.host.origin;
  bridge = `ws://127.0.0.1:${h.host.port}/bridge`;
});
afterAll(async () => {
  await h?.stop();
  await service?.stop();
});

describe('the launch link', () => {
  it('carries its secret in the fragment, which no browser sends, and sets no cookie', async () => {
    const url = new URL(h.host.newLaunchUrl());
    expect(`${url.origin}${url.pathname}`).toBe(`${origin}/`);
    expect(url.hash).toMatch(/^#launch=[A-Za-z0-9_-]{43}$/);
    // What a browser requests for it: the page, without the fragment.
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('is new each time one is asked for', () => {
    expect(h.launchSecret()).not.toBe(h.launchSecret());
  });

  it('serves the app without a secret, under a strict CSP, so it can say how to get a link', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(await response.text()).toContain('<div id="root">');
  });

  it('answers nothing to a request for another Host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      request(`${origin}/`, { headers: { host: `attacker.example:${h.host.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await fetch(`${origin}/..%2f..%2f..%2fetc%2fpasswd.txt`);
    expect(response.status).toBe(404);
  });
});

describe('the WebSocket bridge is refused', () => {
  it('from another Origin (403, before any secret is read)', async () => {
    expect(await connectRaw(bridge, { origin: 'https://attacker.example' })).toEqual({ status: 403 });
    expect(await connectRaw(bridge, { origin: `http://127.0.0.1:${h.host.port + 1}` })).toEqual({ status: 403 });
    expect(await connectRaw(bridge, {})).toEqual({ status: 403 }); // no Origin at all
  });

  it('with a wrong Host, even with a matching Origin (403)', async () => {
    const host = `attacker.example:${h.host.port}`;
    expect(await connectRaw(bridge, { host, origin: `http://${host}` })).toEqual({ status: 403 });
  });

  it('when the first message is not a hello with a secret the host gave out', async () => {
    const result = await connectRaw(bridge, { origin });
    if (!('socket' in result)) throw new Error(`refused: ${result.status}`);
    const closed = new Promise<number>((resolve) => result.socket.once('close', (code) => resolve(code)));
    result.socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app.info', input: {} }));
    expect(await closed).toBe(BRIDGE_CLOSE_UNAUTHORISED);
    expect(await sayHello(origin, { launch: 'guessed-guessed-guessed-guessed-guessed-gue' })).toEqual({ closed: BRIDGE_CLOSE_UNAUTHORISED });
    expect(await sayHello(origin, { tab: 'guessed-guessed-guessed-guessed-guessed-gue' })).toEqual({ closed: BRIDGE_CLOSE_UNAUTHORISED });
  });
});

describe('the WebSocket bridge with a secret', () => {
  it('accepts localhost as well as 127.0.0.1', async () => {
    const outcome = await sayHello(`http://localhost:${h.host.port}`, { launch: h.launchSecret() });
    expect(outcome).toMatchObject({ tab: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    if ('socket' in outcome) outcome.socket.close();
  });

  it('carries contract calls, validated like IPC', async () => {
    const outcome = await sayHello(origin, { launch: launchSecretOf(h.host.newLaunchUrl()) });
    if (!('socket' in outcome)) throw new Error(`refused: ${outcome.closed}`);
    const { socket } = outcome;
    const answers = new Map<number, unknown>();
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; id: number; result: unknown };
      if (message.type === 'result') answers.set(message.id, message.result);
    });
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app.info', input: {} }));
    socket.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'auth.signIn', input: { email: 'nope' } }));
    socket.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'process.exit', input: {} }));
    await expect.poll(() => answers.size).toBe(3);
    expect(answers.get(1)).toEqual({ ok: true, value: { version: '0.0.0-test', platform: 'linux', host: 'browser', online: true } });
    expect(answers.get(2)).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT' } });
    expect(answers.get(3)).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });

    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{"type":"nonsense"}');
    expect(await closed).toBe(1008);
  });
});
