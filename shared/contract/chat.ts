import { z } from 'zod';
import { singleLineText, multiLineText } from '../text';
import { event, invoke, none, nothing } from './define';

/** A chat message's text: the panel caps what it sends; the service may cap lower. */
export const CHAT_BODY_MAX = 4_000;
export const chatBodySchema = multiLineText({ min: 1, max: CHAT_BODY_MAX });
export const chatSubjectSchema = singleLineText({ min: 1, max: 200 });

/**
 * Where the app's one chat is. `cut`: the connection dropped mid-chat (or the service refused
 * the sign-in); the contract has no resume, so the panel says so and offers a new chat.
 */
export const chatPhases = ['idle', 'connecting', 'queued', 'noAgents', 'connected', 'ended', 'cut'] as const;
export type ChatPhase = (typeof chatPhases)[number];

export const chatMessageSchema = z.object({
  /** Local order, for React keys: the contract gives messages no id. */
  seq: z.number().int().nonnegative(),
  from: z.enum(['agent', 'customer']),
  body: z.string(),
  at: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatTicketSchema = z.object({ id: z.string(), number: z.string() });

export const chatViewSchema = z.object({
  phase: z.enum(chatPhases),
  /** Place in the queue while `queued` (1 is next). */
  position: z.number().int().nonnegative().nullable(),
  /** The agent's name once one joined. */
  agentName: z.string().nullable(),
  /** The ticket the conversation became, once sent as one. */
  ticket: chatTicketSchema.nullable(),
  /** A ticket is being made from the conversation. */
  sendingTicket: z.boolean(),
  /** Why the chat was cut (or a ticket failed), as an error code the panel words. */
  problem: z.enum(['connection', 'signedOut', 'ticketFailed']).nullable(),
  messages: z.array(chatMessageSchema),
});
export type ChatView = z.infer<typeof chatViewSchema>;

/** No chat: where the main process starts and where the panel stands before it hears one. */
export const idleChatView: ChatView = {
  phase: 'idle',
  position: null,
  agentName: null,
  ticket: null,
  sendingTicket: false,
  problem: null,
  messages: [],
};

/**
 * Live chat with support (docs/api.md "Support", the WebSocket). The main process holds the
 * socket and the token; the renderer sees only the chat's view.
 */
export const chatContract = {
  chat: {
    get: invoke(none, chatViewSchema),
    /** Opens a chat (from idle, ended or cut); an open one is kept. */
    start: invoke(none, chatViewSchema),
    send: invoke(z.object({ body: chatBodySchema }).strict(), nothing),
    end: invoke(none, nothing),
    /** The conversation as a ticket, before an agent joins (offered when none is on duty); the chat ends with it. */
    toTicket: invoke(z.object({ subject: chatSubjectSchema }).strict(), chatTicketSchema),
    /** Back to idle once the chat is over (the panel's "close"). */
    dismiss: invoke(none, chatViewSchema),
  },
} as const;

export const chatEvents = {
  'chat.changed': event(chatViewSchema),
} as const;
