import { WebSocket } from 'ws';

export type Frame = { type: string } & Record<string, unknown>;

/**
 * A real WebSocket client of the chat, keeping every frame it got so a test can wait for
 * the one it expects (or assert one never came), and how the socket closed.
 */
export interface ChatSocket {
  socket: WebSocket;
  frames: Frame[];
  send(frame: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  next(predicate: (frame: Frame) => boolean, what: string, timeoutMs?: number): Promise<Frame>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export function chatUrl(baseUrl: string, path: '/v1/support/chat' | '/v1/agent/chat', query = ''): string {
  const url = new URL(`${path}${query}`, baseUrl);
  url.protocol = 'ws:';
  return url.toString();
}

export async function openChat(baseUrl: string, path: '/v1/support/chat' | '/v1/agent/chat', token?: string, query = ''): Promise<ChatSocket> {
  const socket = new WebSocket(chatUrl(baseUrl, path, query));
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as Frame);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  if (token !== undefined) socket.send(JSON.stringify({ type: 'auth', token }));
  let seen = 0;
  return {
    socket,
    frames,
    closed,
    send: (frame) => socket.send(JSON.stringify(frame)),
    sendRaw: (data, binary = false) => socket.send(data, { binary }),
    // Frames are taken in order: each wait starts after the frame the last one returned.
    next(predicate, what, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const index = frames.findIndex((frame, i) => i >= seen && predicate(frame));
          if (index < 0) return;
          seen = index + 1;
          waiters.delete(look);
          clearTimeout(timer);
          resolve(frames[index]!);
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no ${what} frame; got ${JSON.stringify(frames)}`));
        }, timeoutMs);
        waiters.add(look);
        look();
      });
    },
    async close() {
      if (socket.readyState !== WebSocket.CLOSED) socket.close(1000);
      await closed;
    },
  };
}
