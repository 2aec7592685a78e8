import type { ChatView } from '../../../../../shared/contract/chat';
import type { MessageId } from '../../../i18n/catalogues';

/** The one sentence that says where the chat stands, with its values. */
export function chatStatus(view: ChatView): { id: MessageId; values?: Record<string, string | number> } {
  switch (view.phase) {
    case 'idle':
    case 'connecting':
      return { id: 'chat.status.connecting' };
    case 'queued':
      return { id: 'chat.status.queued', values: { position: view.position ?? 0 } };
    case 'noAgents':
      return { id: 'chat.status.noAgents' };
    case 'connected':
      return { id: 'chat.status.connected', values: { agent: view.agentName ?? '' } };
    case 'ended':
      return view.ticket ? { id: 'chat.status.endedWithTicket', values: { number: view.ticket.number } } : { id: 'chat.status.ended' };
    case 'cut':
      return { id: view.problem === 'signedOut' ? 'chat.status.signedOut' : 'chat.status.cut' };
  }
}
