/** One Server-Sent Events message as the test reads it (comments included, as `comment`). */
export interface StreamMessage {
  id?: string;
  event?: string;
  data?: unknown;
  comment?: string;
}

export interface OpenStream {
  status: number;
  headers: Headers;
  /** Every message so far, in order. */
  messages: StreamMessage[];
  /** The next message (after those already taken) that matches, within `ms`. */
  next(match?: (m: StreamMessage) => boolean, ms?: number): Promise<StreamMessage>;
  /** Resolves when the service ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * `GET /v1/events` with Node's fetch, its body read as it comes and split into messages
 * the way an EventSource does (the subset the service writes: id, event, data, comments).
 */
export async function openStream(baseUrl: string, token: string | undefined, lastEventId?: string): Promise<OpenStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await fetch(new URL('/v1/events', baseUrl), { headers, signal: controller.signal });
  const messages: StreamMessage[] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  let finished = false;
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const message: StreamMessage = {};
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            const field = line.slice(0, colon);
            const value = line.slice(colon + 1).replace(/^ /, '');
            if (field === '') message.comment = value;
            else if (field === 'id') message.id = value;
            else if (field === 'event') message.event = value;
            else if (field === 'data') message.data = JSON.parse(value);
          }
          if (Object.keys(message).length > 0 && !block.startsWith('retry:')) messages.push(message);
          wake?.();
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      finished = true;
      wake?.();
    }
  })();

  async function next(match: (m: StreamMessage) => boolean = () => true, ms = 1000): Promise<StreamMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      while (taken < messages.length) {
        const m = messages[taken++]!;
        if (match(m)) return m;
      }
      if (finished) throw new Error(`the stream ended; messages: ${JSON.stringify(messages)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${ms} ms; messages: ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  return { status: response.status, headers: response.headers, messages, next, ended, close: () => controller.abort() };
}

/** The next event of this type. */
export const ofType = (type: string) => (m: StreamMessage) => m.event === type;
