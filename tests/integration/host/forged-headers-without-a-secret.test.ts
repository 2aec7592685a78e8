import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnService, type SpawnedService } from '../../support/service';
import { connectRaw, type HostUnderTest, startHostUnderTest } from './host-fixture';

let service: SpawnedService;
let h: HostUnderTest;
/** Every cookie the host ever gave a browser: a browser sends those to any port on 127.0.0.1. */
const cookiesOfTheBrowser: string[] = [];

beforeAll(async () => {
  service = await spawnService({ args: ['--seed-demo'] });
  h = await startHostUnderTest(service.url);
  // The user's browser opens the launch link, as `npm start` makes it do.
  const response = await fetch(h.host.launchUrl, { redirect: 'manual' });
  cookiesOfTheBrowser.push(...response.headers.getSetCookie().map((c) => c.split(';')[0]!));
});
afterAll(async () => {
  await h?.stop();
  await service?.stop();
});

/** Whatever headers it sends, does a client that holds no launch or tab secret ever get an answer? */
async function answered(headers: Record<string, string>, messages: string[]): Promise<boolean> {
  const result = await connectRaw(`ws://127.0.0.1:${h.host.port}/bridge`, headers);
  if (!('socket' in result)) return false;
  const { socket } = result;
  return new Promise((resolve) => {
    const timer = setTimeout(() => (socket.close(), resolve(false)), 1_000);
    socket.on('message', () => (clearTimeout(timer), socket.close(), resolve(true)));
    socket.once('close', () => (clearTimeout(timer), resolve(false)));
    for (const message of messages) socket.send(message);
  });
}

describe('a non-browser client that forges every header but holds no secret', () => {
  it('gets no answer from the bridge, however good its headers look', async () => {
    const { port, origin } = h.host;
    const forged: Record<string, string> = {
      host: `127.0.0.1:${port}`,
      origin,
      cookie: [...cookiesOfTheBrowser, `palisade_host_${port}=forged`].join('; '),
      referer: `${origin}/`,
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'websocket',
      'sec-fetch-dest': 'empty',
      'x-forwarded-for': '127.0.0.1',
      'x-real-ip': '127.0.0.1',
      forwarded: 'for=127.0.0.1;host=127.0.0.1',
      authorization: 'Bearer forged',
    };
    const invoke = JSON.stringify({ type: 'invoke', id: 1, channel: 'session.get', input: {} });
    const made = 'forged-forged-forged-forged-forged-forged0';

    expect(await answered(forged, [invoke])).toBe(false);
    expect(await answered({ ...forged, host: `localhost:${port}`, origin: `http://localhost:${port}` }, [invoke])).toBe(false);
    expect(await answered(forged, [JSON.stringify({ type: 'hello', launch: made }), invoke])).toBe(false);
    expect(await answered(forged, [JSON.stringify({ type: 'hello', tab: made }), invoke])).toBe(false);
    expect(await answered(forged, [JSON.stringify({ type: 'hello' }), invoke])).toBe(false);
    expect(await answered(forged, [JSON.stringify({ type: 'hello', launch: made, tab: made }), invoke])).toBe(false);
  });
});
