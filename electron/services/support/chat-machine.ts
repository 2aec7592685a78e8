import { idleChatView, type ChatView } from '../../../shared/contract/chat';
import type { ChatServerMessage } from './chat-protocol';

/** The chat as the main process keeps it: the renderer's view plus what only the socket needs. */
export interface ChatState {
  view: ChatView;
  chatId: string | null;
  /** The customer asked to end: a close that follows is the end, not a cut. */
  ending: boolean;
}

export type ChatInput =
  | { type: 'start' }
  | { type: 'server'; message: ChatServerMessage }
  /** The socket closed or died without the service's `ended`. */
  | { type: 'dropped' }
  /** The service refused the token (4401) even after a fresh one. */
  | { type: 'refused' }
  | { type: 'ending' }
  | { type: 'ticketRequested' }
  | { type: 'ticketMade'; id: string; number: string }
  | { type: 'ticketFailed' }
  | { type: 'dismiss' };

export const initialChatState: ChatState = { view: idleChatView, chatId: null, ending: false };

/** Phases with a socket that should be open. */
export const livePhases: readonly ChatView['phase'][] = ['connecting', 'queued', 'noAgents', 'connected'];
export const isLive = (state: ChatState) => livePhases.includes(state.view.phase);

/**
 * idle → connecting → queued(position) | noAgents → connected(agentName) → ended | cut.
 * Pure: the client feeds it what happened and sends the view it answers.
 */
export function chatReducer(state: ChatState, input: ChatInput): ChatState {
  const view = state.view;
  switch (input.type) {
    case 'start':
      // An open chat is kept: a second "Chat with us" shows it rather than queueing again.
      if (isLive(state)) return state;
      return { view: { ...idleChatView, phase: 'connecting' }, chatId: null, ending: false };
    case 'dismiss':
      return isLive(state) ? state : initialChatState;
    case 'ending':
      return isLive(state) ? { ...state, ending: true } : state;
    case 'dropped':
      if (!isLive(state)) return state;
      if (state.ending) return { ...state, view: { ...view, phase: 'ended', position: null } };
      return { ...state, view: { ...view, phase: 'cut', position: null, problem: 'connection' } };
    case 'refused':
      if (!isLive(state)) return state;
      return { ...state, view: { ...view, phase: 'cut', position: null, problem: 'signedOut' } };
    case 'ticketRequested':
      return { ...state, view: { ...view, sendingTicket: true, problem: view.problem === 'ticketFailed' ? null : view.problem } };
    case 'ticketMade':
      // The conversation is a ticket now: the chat is over (the socket is let go), its number shown.
      if (!isLive(state)) return state;
      return { ...state, view: { ...view, phase: 'ended', position: null, sendingTicket: false, problem: null, ticket: { id: input.id, number: input.number } } };
    case 'ticketFailed':
      return { ...state, view: { ...view, sendingTicket: false, problem: 'ticketFailed' } };
    case 'server':
      return fromServer(state, input.message);
  }
}

function fromServer(state: ChatState, message: ChatServerMessage): ChatState {
  const view = state.view;
  // After the end or a cut the service has nothing more to say to this chat.
  if (!isLive(state)) return state;
  switch (message.type) {
    case 'queued':
      // A queue update after the agent joined is stale.
      if (view.phase === 'connected') return state;
      return { ...state, chatId: message.chatId, view: { ...view, phase: 'queued', position: message.position } };
    case 'noAgents':
      if (view.phase === 'connected') return state;
      return { ...state, chatId: message.chatId, view: { ...view, phase: 'noAgents', position: null } };
    case 'agentJoined':
      return { ...state, view: { ...view, phase: 'connected', position: null, agentName: message.name } };
    case 'message': {
      const seq = view.messages.length;
      return { ...state, view: { ...view, messages: [...view.messages, { seq, from: message.from, body: message.body, at: message.at }] } };
    }
    case 'ended':
      return { ...state, view: { ...view, phase: 'ended', position: null } };
    case 'ticket':
      return chatReducer(state, { type: 'ticketMade', id: message.id, number: message.number });
    case 'error':
      // The client answers a pending ask (the ticket) from it; the chat itself is unchanged.
      return state;
  }
}
