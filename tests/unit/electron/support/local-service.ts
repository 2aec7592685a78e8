import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type Route = (hit: Hit, res: ServerResponse) => void | Promise<void>;

/**
 * A tiny real HTTP server standing in for the account service in unit tests: each test
 * declares the answers it needs and reads back what the client actually sent.
 */
export interface LocalService {
  url: string;
  hits: Hit[];
  count(method: string, path: string): number;
  route(method: string, path: string, handler: Route): void;
  close(): Promise<void>;
}

export function json(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

export function errorBody(code: string, message = code, details?: Record<string, unknown>) {
  return { error: { code, message, ...(details && { details }) } };
}

export async function startLocalService(): Promise<LocalService> {
  const routes = new Map<string, Route>();
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const hit: Hit = { method: req.method ?? 'GET', path, headers: req.headers, body: text ? JSON.parse(text) : undefined };
      hits.push(hit);
      const handler = routes.get(`${hit.method} ${path}`);
      if (!handler) return json(res, 404, errorBody('NOT_FOUND'));
      void Promise.resolve(handler(hit, res)).catch(() => json(res, 500, errorBody('INTERNAL')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    count: (method, path) => hits.filter((h) => h.method === method && h.path === path).length,
    route: (method, path, handler) => void routes.set(`${method} ${path}`, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound, noted and released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
