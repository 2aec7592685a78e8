import { z } from 'zod';

/** docs/api.md "Support", the customer's chat socket: what the service sends. */
export const chatServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queued'), chatId: z.string().min(1), position: z.number().int().nonnegative() }),
  z.object({ type: z.literal('noAgents'), chatId: z.string().min(1) }),
  z.object({ type: z.literal('agentJoined'), name: z.string().min(1).max(200) }),
  z.object({ type: z.literal('message'), body: z.string().max(20_000), from: z.enum(['agent', 'customer']), at: z.string() }),
  z.object({ type: z.literal('ended') }),
  z.object({ type: z.literal('ticket'), id: z.string().min(1), number: z.string().min(1) }),
  /** A frame of ours the service refused (too fast, too long, the chat already over); the chat goes on. */
  z.object({ type: z.literal('error'), code: z.string().max(64), message: z.string().max(2_000) }),
]);
export type ChatServerMessage = z.infer<typeof chatServerMessageSchema>;

/** What the app sends. */
export type ChatClientMessage =
  | { type: 'auth'; token: string }
  | { type: 'message'; body: string }
  | { type: 'end' }
  | { type: 'toTicket'; subject: string };

/**
 * One frame from the service, or null when it is not JSON or not a message the contract
 * names (a newer service's extra message, a garbled frame): the chat goes on without it.
 */
export function readChatFrame(data: string): ChatServerMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = chatServerMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The socket's address from the service's base URL: `http` → `ws`, `https` → `wss`; never a token in it. */
export function chatSocketUrl(apiBaseUrl: string): string {
  const url = new URL(`${apiBaseUrl.replace(/\/+$/, '')}/v1/support/chat`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
