import type { Session } from './api-client';
import { ChatConnection, type ChatEvent, type ConnectionState } from './chat-connection';
import { el, field } from './dom';
import { formatTime, hasMessage, type MessageId, t } from './i18n';

interface Conversation {
  chatId: string;
  customerName: string;
  /** The live region (role log), and the list of its lines inside it. */
  log: HTMLElement;
  lines: HTMLOListElement;
  ended: boolean;
}

/** The socket's error frames, worded for an agent; other codes say the catalogue's sentence or the frame's own. */
const chatErrors: Partial<Record<string, MessageId>> = {
  CHAT_TAKEN: 'agentConsole.chat.error.CHAT_TAKEN',
  CHAT_NOT_FOUND: 'agentConsole.chat.error.CHAT_NOT_FOUND',
  CHAT_CLOSED: 'agentConsole.chat.error.CHAT_CLOSED',
  VALIDATION_FAILED: 'agentConsole.chat.error.VALIDATION_FAILED',
};

const stateText: Record<ConnectionState, MessageId> = {
  connecting: 'agentConsole.chat.connecting',
  connected: 'agentConsole.chat.connected',
  lost: 'agentConsole.chat.lost',
  refused: 'agentConsole.chat.refused',
};

/**
 * The live chat desk: who is waiting (the service's list, replaced whenever it changes), join,
 * the conversation as an ARIA live log, send and end. Several chats may be open; one is shown.
 */
export function chatDesk(session: Session): { view: HTMLElement; close: () => void } {
  const connection = el('p', { role: 'status', class: 'status' });
  const alert = el('p', { role: 'alert', class: 'alert' });
  const waitingList = el('ul', { class: 'waiting' });
  const noneWaiting = el('p', {}, t('agentConsole.chat.noneWaiting'));
  const mineList = el('ul', { class: 'mine' });
  const mineSection = el('div', { hidden: true }, el('h3', {}, t('agentConsole.chat.yourChats')), mineList);
  const panel = el('div', { class: 'conversation' }, el('p', {}, t('agentConsole.chat.noConversation')));
  const view = el(
    'section',
    { 'aria-labelledby': 'chat-heading', class: 'chat' },
    el('h2', { id: 'chat-heading' }, t('agentConsole.chat.heading')),
    connection,
    alert,
    el('h3', {}, t('agentConsole.chat.waiting')),
    noneWaiting,
    waitingList,
    mineSection,
    panel,
  );
  const conversations = new Map<string, Conversation>();
  let shown: string | undefined;
  /** The chat asked to join and not yet `joined`: a refusal of the join (taken, gone) names no chat, so it is this one. */
  let joining: string | undefined;

  const line = (who: string, body: string, at: string, kind: 'agent' | 'customer' | 'event') =>
    el('li', { class: `chat-line ${kind}` }, el('span', { class: 'meta' }, who, ' · ', el('time', { datetime: at }, formatTime(at))), el('span', { class: 'body' }, body));
  const notice = (text: string) => el('li', { class: 'chat-line event' }, el('span', { class: 'body' }, text));

  /** A line at the end of a chat's log, scrolled into view (the newest line is the one to read). */
  const say = (chat: Conversation, item: HTMLElement) => {
    chat.lines.append(item);
    chat.log.scrollTop = chat.log.scrollHeight;
  };

  const show = (chatId: string) => {
    const chat = conversations.get(chatId);
    if (!chat) return;
    shown = chatId;
    const headingId = `chat-${chatId}-heading`;
    const input = field(t('agentConsole.chat.message', { name: chat.customerName }), el('input', { type: 'text', name: 'message', autocomplete: 'off', maxlength: '4000', disabled: chat.ended }));
    const sendButton = el('button', { type: 'submit', disabled: chat.ended }, t('agentConsole.chat.send'));
    const form = el('form', { novalidate: true, class: 'toolbar' }, input.wrapper, sendButton);
    const end = el('button', { type: 'button', disabled: chat.ended }, t('agentConsole.chat.end'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      alert.textContent = '';
      const body = input.control.value.trim();
      if (!body || chat.ended) return;
      if (!socket.send({ type: 'message', chatId, body })) return void (connection.textContent = t('agentConsole.chat.lost'));
      say(chat, line(t('agentConsole.chat.you'), body, new Date().toISOString(), 'agent'));
      input.control.value = '';
    });
    end.addEventListener('click', () => {
      if (socket.send({ type: 'end', chatId })) endChat(chat);
    });
    panel.replaceChildren(el('section', { 'aria-labelledby': headingId }, el('h3', { id: headingId }, t('agentConsole.chat.conversation', { name: chat.customerName })), chat.log, form, end));
    if (!chat.ended) input.control.focus();
  };

  const endChat = (chat: Conversation) => {
    if (chat.ended) return;
    chat.ended = true;
    say(chat, notice(t('agentConsole.chat.ended')));
    if (shown === chat.chatId) show(chat.chatId);
    renderMine();
  };

  const renderMine = () => {
    mineSection.hidden = conversations.size === 0;
    mineList.replaceChildren(
      ...[...conversations.values()].map((chat) => {
        const button = el('button', { type: 'button', 'aria-current': shown === chat.chatId ? 'true' : undefined }, t('agentConsole.chat.show', { name: chat.customerName }));
        button.addEventListener('click', () => show(chat.chatId));
        return el('li', {}, button);
      }),
    );
  };

  const join = (chatId: string, customerName: string) => {
    if (!socket.send({ type: 'join', chatId })) return void (connection.textContent = t('agentConsole.chat.lost'));
    const lines = el('ol', { class: 'chat-lines' });
    // A div carries the log role (an <ol> may not), so the lines stay a list inside it.
    const log = el('div', { role: 'log', 'aria-live': 'polite', 'aria-label': t('agentConsole.chat.conversation', { name: customerName }), class: 'chat-log', tabindex: '0' }, lines);
    const chat: Conversation = { chatId, customerName, log, lines, ended: false };
    alert.textContent = '';
    joining = chatId;
    lines.append(notice(t('agentConsole.chat.joined', { name: customerName })));
    conversations.set(chatId, chat);
    show(chatId);
    renderMine();
  };

  /** A join that was refused: the conversation never started. */
  const dropChat = (chatId: string) => {
    conversations.delete(chatId);
    joining = undefined;
    if (shown === chatId) {
      shown = undefined;
      panel.replaceChildren(el('p', {}, t('agentConsole.chat.noConversation')));
    }
    renderMine();
  };

  const onEvent = (event: ChatEvent) => {
    switch (event.type) {
      case 'waiting':
        noneWaiting.hidden = event.chats.length > 0;
        waitingList.replaceChildren(
          ...event.chats.map((chat) => {
            const button = el('button', { type: 'button' }, t('agentConsole.chat.join', { name: chat.customerName }));
            button.addEventListener('click', () => join(chat.chatId, chat.customerName));
            return el('li', {}, el('span', {}, t('agentConsole.chat.waitingSince', { name: chat.customerName, time: formatTime(chat.since) })), ' ', button);
          }),
        );
        return;
      case 'message': {
        // The agent's own lines are shown as they are sent; an echo would show them twice.
        const chat = conversations.get(event.chatId);
        if (chat && event.from === 'customer') say(chat, line(chat.customerName, event.body, event.at, 'customer'));
        return;
      }
      case 'ended': {
        const chat = conversations.get(event.chatId);
        if (chat) endChat(chat);
        return;
      }
      case 'joined':
        // The join won: a later refusal is no longer about it.
        if (joining === event.chatId) joining = undefined;
        return;
      case 'error': {
        const own = chatErrors[event.code];
        const shared = `errors.${event.code}`;
        alert.textContent = own ? t(own) : hasMessage(shared) ? t(shared) : event.message;
        if ((event.code === 'CHAT_TAKEN' || event.code === 'CHAT_NOT_FOUND') && joining) dropChat(joining);
        return;
      }
    }
  };

  const socket = new ChatConnection(
    () => session.accessToken,
    () => session.refresh(),
    onEvent,
    (state) => (connection.textContent = t(stateText[state])),
  );
  socket.open();
  return { view, close: () => socket.close() };
}
