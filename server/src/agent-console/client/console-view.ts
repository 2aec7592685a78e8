import type { TicketStatus } from '../../../../shared/api/support-tickets';
import type { Session } from './api-client';
import { chatDesk } from './chat-desk';
import { el } from './dom';
import { t } from './i18n';
import { queueView } from './queue-view';
import { threadView } from './thread-view';

/** The signed-in console: the tickets (queue or one thread) beside the live chat desk. */
export function consoleView(session: Session, options: { onSignOut: () => void }): { view: HTMLElement; close: () => void } {
  const tickets = el('div', { class: 'tickets' });
  let filter: TicketStatus | '' = '';
  const showQueue = () => {
    tickets.replaceChildren(queueView(session, { filter, onFilter: (status) => (filter = status), onOpen: showThread }));
    tickets.querySelector<HTMLElement>('h2')?.focus();
  };
  const showThread = (id: string) => tickets.replaceChildren(threadView(session, id, { onBack: showQueue }));
  const chat = chatDesk(session);
  const signOut = el('button', { type: 'button' }, t('agentConsole.signOut'));
  signOut.addEventListener('click', options.onSignOut);
  tickets.replaceChildren(queueView(session, { filter, onFilter: (status) => (filter = status), onOpen: showThread }));
  const view = el('div', { class: 'signed-in' }, el('header', {}, el('h1', {}, t('agentConsole.title')), signOut), el('main', {}, tickets, chat.view));
  return { view, close: chat.close };
}
