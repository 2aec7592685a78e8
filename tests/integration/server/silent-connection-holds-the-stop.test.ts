import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startService } from '../../support/service';

/**
 * A peer that opens a connection and never sends a request is not idle to Node's HTTP
 * server, which waits out its headers timeout (a minute or more) before letting go. A
 * stopping service must not wait for it: requests in flight get a few seconds, then every
 * connection still open is closed.
 */
describe('a silent connection while the service stops', () => {
  it('does not hold the stop for its headers timeout', async () => {
    const service = await startService();
    const { port } = new URL(service.url);
    const sockets: Socket[] = [];
    for (let i = 0; i < 3; i += 1) {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => {});
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      sockets.push(socket);
    }
    const closedByService = Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()))));

    const started = Date.now();
    await service.stop();
    await closedByService;
    const seconds = (Date.now() - started) / 1000;
    console.log(`stopped in ${seconds.toFixed(1)} s with 3 silent connections open`);
    // The grace is 5 s; Node's own headers timeout is 60 s, checked every 30 s.
    expect(seconds).toBeLessThan(30);
  }, 120_000);
});
