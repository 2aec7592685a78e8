import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnService, type SpawnedService } from '../../support/service';
import { connectRaw, type HostUnderTest, startHostUnderTest } from './host-fixture';

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
  it('sets an HttpOnly, SameSite=Strict cookie and sends the browser to the app', async () => {
    const response = await fetch(h.host.launchUrl, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^palisade_host_${h.host.port}=[A-Za-z0-9_-]{40,};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('refuses a launch link with the wrong secret', async () => {
    const response = await fetch(`${origin}/launch/not-the-secret-of-this-run-00000000000`, { redirect: 'manual' });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('serves the app without the cookie, under a strict CSP, so it can ask for the link', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(await response.text()).toContain('<div id="root">');
    expect((await fetch(`${origin}/bridge/auth`)).status).toBe(401);
  });

  it('reports the cookie as valid on /bridge/auth', async () => {
    const response = await fetch(`${origin}/bridge/auth`, { headers: { cookie: await h.cookie() } });
    expect(response.status).toBe(204);
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
  it('without the cookie (401)', async () => {
    expect(await connectRaw(bridge, { origin })).toEqual({ status: 401 });
  });

  it('with a wrong cookie (401)', async () => {
    expect(await connectRaw(bridge, { origin, cookie: `palisade_host_${h.host.port}=guessed` })).toEqual({ status: 401 });
  });

  it('from another Origin, even with the cookie (403)', async () => {
    const cookie = await h.cookie();
    expect(await connectRaw(bridge, { origin: 'https://attacker.example', cookie })).toEqual({ status: 403 });
    expect(await connectRaw(bridge, { origin: `http://127.0.0.1:${h.host.port + 1}`, cookie })).toEqual({ status: 403 });
    expect(await connectRaw(bridge, { cookie })).toEqual({ status: 403 }); // no Origin at all
  });

  it('with a wrong Host, even with the cookie and a matching Origin (403)', async () => {
    const cookie = await h.cookie();
    const host = `attacker.example:${h.host.port}`;
    expect(await connectRaw(bridge, { host, origin: `http://${host}`, cookie })).toEqual({ status: 403 });
  });
});

describe('the WebSocket bridge with the cookie', () => {
  it('accepts localhost as well as 127.0.0.1', async () => {
    const cookie = await h.cookie();
    const result = await connectRaw(`ws://localhost:${h.host.port}/bridge`, { origin: `http://localhost:${h.host.port}`, cookie });
    expect('socket' in result).toBe(true);
    if ('socket' in result) result.socket.close();
  });

  it('carries contract calls, validated like IPC', async () => {
    const result = await connectRaw(bridge, { origin, cookie: await h.cookie() });
    if (!('socket' in result)) throw new Error(`refused: ${result.status}`);
    const { socket } = result;
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
