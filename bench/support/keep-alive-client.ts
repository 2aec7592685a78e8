import { connect, type Socket } from 'node:net';

/** A response as the bench needs it: its status and raw body. */
export interface BenchResponse {
  status: number;
  body: Buffer;
}

/**
 * A minimal keep-alive HTTP/1.1 client, one request at a time per connection, in the spirit
 * of wrk: the load generator shares the two cores with the service, so every cycle it
 * spends on parsing (fetch costs ~0.5–2 ms a request here) is one the service cannot use,
 * and a cheap request such as /v1/health would measure the client instead of the service.
 * It understands exactly what the service sends: a Content-Length body.
 */
export class KeepAliveConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: ((response: BenchResponse) => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      this.drain();
    });
  }

  static open(url: string): Promise<KeepAliveConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => resolve(new KeepAliveConnection(socket)));
      socket.once('error', reject);
      socket.setNoDelay(true);
    });
  }

  send(request: Buffer): Promise<BenchResponse> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private drain(): void {
    const headerEnd = this.buffered.indexOf('\r\n\r\n');
    if (headerEnd === -1) return;
    const head = this.buffered.subarray(0, headerEnd).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const end = headerEnd + 4 + length;
    if (this.buffered.length < end) return;
    const body = this.buffered.subarray(headerEnd + 4, end);
    this.buffered = this.buffered.subarray(end);
    const done = this.waiting;
    this.waiting = undefined;
    done?.({ status: Number(head.slice(9, 12)), body });
  }
}

/** The bytes of one request, as any HTTP client would send them. */
export function httpRequest(
  method: 'GET' | 'POST',
  url: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Buffer {
  const { host, pathname } = new URL(url);
  const body = options.body === undefined ? '' : JSON.stringify(options.body);
  const headers = [
    `${method} ${pathname} HTTP/1.1`,
    `Host: ${host}`,
    'Connection: keep-alive',
    ...(options.token ? [`Authorization: Bearer ${options.token}`] : []),
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    ...(body ? ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`] : []),
  ];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
