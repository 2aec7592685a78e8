/** docs/api.md "Support", the agent's side of live chat: what the service sends. */
export type ChatEvent =
  | { type: 'waiting'; chats: { chatId: string; customerName: string; since: string }[] }
  | { type: 'message'; chatId: string; body: string; from: 'agent' | 'customer'; at: string }
  | { type: 'ended'; chatId: string }
  | { type: 'joined'; chatId: string; customerName: string }
  | { type: 'error'; code: string; message: string; details?: Record<string, unknown> };

export type ConnectionState = 'connecting' | 'connected' | 'lost' | 'refused';

/** The close codes of a missing or refused token, and of a token that is not staff's. */
const REFUSED = new Set([4401, 4403]);
const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

function parse(data: unknown): ChatEvent | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const frame = JSON.parse(data) as { type?: unknown; chatId?: unknown; chats?: unknown; body?: unknown };
    if (frame.type === 'waiting' && Array.isArray(frame.chats)) return frame as ChatEvent;
    if (frame.type === 'error' && typeof (frame as { code?: unknown }).code === 'string') return frame as ChatEvent;
    if ((frame.type === 'message' && typeof frame.body === 'string' && typeof frame.chatId === 'string') || ((frame.type === 'ended' || frame.type === 'joined') && typeof frame.chatId === 'string')) return frame as ChatEvent;
  } catch {
    // Not JSON: nothing the console understands.
  }
  return undefined;
}

/**
 * The agent's chat socket, same origin: the access token goes in the first frame, never the
 * URL. A drop reconnects with growing pauses; a refused token is refreshed once and tried
 * again, and only then reported as refused.
 */
export class ChatConnection {
  private socket: WebSocket | undefined;
  private closed = false;
  private attempt = 0;
  private refreshedOnce = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly token: () => string,
    private readonly refresh: () => Promise<boolean>,
    private readonly onEvent: (event: ChatEvent) => void,
    private readonly onState: (state: ConnectionState) => void,
  ) {}

  open(): void {
    this.onState('connecting');
    const url = new URL('/v1/agent/chat', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    let authenticated = false;
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token: this.token() })));
    socket.addEventListener('message', (message) => {
      const event = parse(message.data);
      if (!event) return;
      if (!authenticated) {
        authenticated = true;
        this.attempt = 0;
        this.refreshedOnce = false;
        this.onState('connected');
      }
      this.onEvent(event);
    });
    socket.addEventListener('close', (close) => {
      if (this.socket !== socket || this.closed) return;
      this.socket = undefined;
      if (REFUSED.has(close.code)) {
        if (this.refreshedOnce) return this.onState('refused');
        this.refreshedOnce = true;
        void this.refresh().then((ok) => (ok ? this.open() : this.onState('refused')));
        return;
      }
      this.onState('lost');
      const pause = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)];
      this.timer = setTimeout(() => this.open(), pause);
    });
  }

  /** Sends a frame; false when the socket is not open (the desk says so). */
  send(frame: { type: 'join' | 'end'; chatId: string } | { type: 'message'; chatId: string; body: string }): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = undefined;
  }
}
