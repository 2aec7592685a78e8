import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventSourceMessage } from 'eventsource-parser';
import { type EventStream, openEventStream } from '../../../electron/services/account-events/event-stream';
import { AppFailure } from '../../../shared/errors';

/**
 * The stream client against a real HTTP server on loopback, each test scripting what the
 * "service" does with each connection: the reconnect, backoff, Last-Event-ID and silence
 * rules, which the real service cannot be made to break on purpose.
 */
interface Connection {
  request: IncomingMessage;
  response: ServerResponse;
  closed: Promise<void>;
}

let server: Server | undefined;
let stream: EventStream | undefined;
afterEach(async () => {
  stream?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  stream = undefined;
});

async function scriptedService(handle: (connection: Connection, index: number) => void) {
  const connections: Connection[] = [];
  server = createServer((request, response) => {
    const closed = new Promise<void>((resolve) => response.on('close', () => resolve()));
    const connection = { request, response, closed };
    connections.push(connection);
    handle(connection, connections.length - 1);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/events`, connections };
}

const open = (response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  response.flushHeaders();
};
const send = (response: ServerResponse, id: string, type: string, data: unknown) =>
  response.write(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const fast = { baseMs: 20, maxMs: 80 };

describe('the account event stream client', () => {
  it('reconnects after the service drops it, asking for what it missed with Last-Event-ID', async () => {
    const { url, connections } = await scriptedService(({ response }, index) => {
      open(response);
      if (index === 0) {
        send(response, '7', 'device.changed', { n: 1 });
        send(response, '8', 'device.changed', { n: 2 });
        response.end();
      } else send(response, '9', 'device.changed', { n: 3 });
    });
    const received: EventSourceMessage[] = [];
    stream = openEventStream({ url, accessToken: async () => 'token-a', onMessage: (m) => received.push(m), silenceMs: 5_000, backoff: fast });
    await until(() => received.length === 3);
    expect(connections[0]!.request.headers['last-event-id']).toBeUndefined();
    expect(connections[1]!.request.headers['last-event-id']).toBe('8');
    expect(connections[1]!.request.headers.authorization).toBe('Bearer token-a');
    expect(connections[1]!.request.headers.accept).toBe('text/event-stream');
    expect(received.map((m) => [m.id, m.event])).toEqual([
      ['7', 'device.changed'],
      ['8', 'device.changed'],
      ['9', 'device.changed'],
    ]);
    expect(stream.lastEventId()).toBe('9');
  });

  it('refreshes the token once when the stream is refused with 401, and uses the new one', async () => {
    const { url, connections } = await scriptedService(({ request, response }) => {
      if (request.headers.authorization !== 'Bearer fresh') {
        response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"UNAUTHENTICATED","message":"x"}}');
        return;
      }
      open(response);
      send(response, '1', 'subscription.changed', {});
    });
    const asked: (string | undefined)[] = [];
    const received: EventSourceMessage[] = [];
    stream = openEventStream({
      url,
      accessToken: async (options) => {
        asked.push(options?.rejected);
        return options?.rejected === 'stale' ? 'fresh' : 'stale';
      },
      onMessage: (m) => received.push(m),
      silenceMs: 5_000,
      // A slow backoff: the refresh must not wait for it.
      backoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    await until(() => received.length === 1, 2_000);
    expect(asked).toEqual([undefined, 'stale']);
    expect(connections.map((c) => c.request.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('backs off when refreshed tokens are refused too, instead of hammering the service', async () => {
    const { url, connections } = await scriptedService(({ response }) => {
      response.writeHead(401).end();
    });
    let n = 0;
    stream = openEventStream({ url, accessToken: async () => `token-${n++}`, onMessage: () => {}, silenceMs: 5_000, backoff: { baseMs: 2_000, maxMs: 2_000 } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The first refusal refreshes at once; the second waits at least half the 2 s backoff.
    expect(connections).toHaveLength(2);
  });

  it('stops for good when the session cannot be refreshed: it is over', async () => {
    const { url, connections } = await scriptedService(({ response }) => response.writeHead(401).end());
    let ended = 0;
    stream = openEventStream({
      url,
      accessToken: async (options) => {
        if (options?.rejected) throw new AppFailure({ code: 'REFRESH_INVALID', message: 'Sign in again.' });
        return 'revoked';
      },
      onMessage: () => {},
      onSessionEnded: () => ended++,
      silenceMs: 5_000,
      backoff: fast,
    });
    await until(() => ended === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connections).toHaveLength(1);
    expect(ended).toBe(1);
  });

  it('counts a silent connection as dead and opens a new one', async () => {
    const { url, connections } = await scriptedService(({ response }, index) => {
      open(response);
      if (index === 0) send(response, '41', 'device.changed', {});
      // …then nothing at all, not even a keep-alive: a laptop that slept, a lost NAT mapping.
    });
    stream = openEventStream({ url, accessToken: async () => 't', onMessage: () => {}, silenceMs: 300, backoff: fast });
    await until(() => connections.length === 2, 3_000);
    await connections[0]!.closed;
    expect(connections[1]!.request.headers['last-event-id']).toBe('41');
  });

  it('keep-alive comments keep a quiet connection open', async () => {
    const { url, connections } = await scriptedService(({ response }) => {
      open(response);
      const timer = setInterval(() => response.write(': keep-alive\n\n'), 100);
      response.on('close', () => clearInterval(timer));
    });
    stream = openEventStream({ url, accessToken: async () => 't', onMessage: () => {}, silenceMs: 300, backoff: fast });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(connections).toHaveLength(1);
  });

  it('waits longer after each failed attempt, up to the ceiling', async () => {
    const { url, connections } = await scriptedService(({ response }) => response.writeHead(503).end());
    const at: number[] = [];
    server!.on('request', () => at.push(Date.now()));
    stream = openEventStream({ url, accessToken: async () => 't', onMessage: () => {}, silenceMs: 5_000, backoff: { baseMs: 100, maxMs: 400 } });
    await until(() => connections.length >= 5, 5_000);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // Jitter is between half and all of 100, 200, 400, 400 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(gaps[2]).toBeGreaterThanOrEqual(195);
    expect(Math.max(...gaps)).toBeLessThan(700);
  });

  it('closes its socket and never reconnects once stopped', async () => {
    const { url, connections } = await scriptedService(({ response }) => open(response));
    stream = openEventStream({ url, accessToken: async () => 't', onMessage: () => {}, silenceMs: 5_000, backoff: fast });
    await until(() => connections.length === 1);
    stream.stop();
    // At once, not when the silence rule would have ended it (5 s).
    const closedInTime = await Promise.race([
      connections[0]!.closed.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000)),
    ]);
    expect(closedInTime).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connections).toHaveLength(1);
  });
});
