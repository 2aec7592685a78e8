import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../support/chromium';
import { spawnService, type SpawnedService } from '../../support/service';
import { writeBridgePage } from './bridge-page';
import { connectRaw, type HostUnderTest, startHostUnderTest } from './host-fixture';

let service: SpawnedService;
let h: HostUnderTest;
let browser: Browser;
let listener: Server;
const captured: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  service = await spawnService({ args: ['--seed-demo'] });
  h = await startHostUnderTest(service.url);
  await writeBridgePage(h.rendererDir);
  browser = await chromium.launch(chromiumLaunchOptions);
  // Another service on another loopback port: a dev server, or one a local attacker runs.
  listener = createServer((req, res) => {
    captured.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  listener?.close();
  await h?.stop();
  await service?.stop();
});

/** Every value in what the listener captured that could be a secret: long runs of token characters. */
function candidateSecrets(): string[] {
  const text = JSON.stringify(captured);
  return [...new Set(text.match(/[A-Za-z0-9_-]{20,}/g) ?? [])];
}

/** Whether a bridge connection with these headers (and, after upgrade, these first messages) ever gets an answer. */
async function answers(headers: Record<string, string>, firstMessages: string[]): Promise<boolean> {
  const result = await connectRaw(`ws://127.0.0.1:${h.host.port}/bridge`, headers);
  if (!('socket' in result)) return false;
  const { socket } = result;
  return new Promise((resolve) => {
    const timer = setTimeout(() => (socket.close(), resolve(false)), 1_000);
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string };
      if (message.type === 'result' || message.type === 'welcome') {
        clearTimeout(timer);
        socket.close();
        resolve(true);
      }
    });
    socket.once('close', () => (clearTimeout(timer), resolve(false)));
    for (const message of firstMessages) socket.send(message);
  });
}

describe('a listener on another loopback port', () => {
  it('gets nothing from the browser that opens the bridge: no cookie, and no secret that works', async () => {
    const page = await browser.newPage();
    await page.goto(h.host.launchUrl);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { bridgeStatus?: string }).bridgeStatus)).toBe('open');
    const tabSecret = await page.evaluate(() => sessionStorage.getItem('palisade.bridge.tab'));

    // The same browser then visits the other port, and makes a request there from the app's page too.
    const elsewhere = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    await page.goto(h.host.origin);
    await page.evaluate((url) => fetch(url, { mode: 'no-cors', credentials: 'include' }).catch(() => undefined), `${elsewhere}/from-the-app`);
    await page.goto(`${elsewhere}/`);
    await expect.poll(() => captured.length).toBeGreaterThanOrEqual(2);
    await page.close();

    for (const { headers } of captured) expect(headers.cookie).toBeUndefined();

    // Whatever it captured, replayed with the headers of the app's own page, opens nothing.
    const { host: _host, ...replayed } = captured[0]!.headers as Record<string, string>;
    const forged = { ...replayed, origin: h.host.origin };
    const invoke = JSON.stringify({ type: 'invoke', id: 1, channel: 'session.get', input: {} });
    expect(await answers(forged, [invoke])).toBe(false);
    for (const secret of candidateSecrets()) {
      expect(await answers(forged, [JSON.stringify({ type: 'hello', launch: secret }), invoke])).toBe(false);
      expect(await answers(forged, [JSON.stringify({ type: 'hello', tab: secret }), invoke])).toBe(false);
    }
    // The tab's own secret stayed in its sessionStorage.
    expect(tabSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(captured)).not.toContain(tabSecret);
  });
});
