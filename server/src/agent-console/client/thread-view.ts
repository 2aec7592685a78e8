import type { AgentTicketThread } from '../../../../shared/api/support-agents';
import type { Ticket, TicketMessage, TicketStatus } from '../../../../shared/api/support-tickets';
import type { Session } from './api-client';
import { el, field } from './dom';
import { errorText } from './error-text';
import { formatTime, t } from './i18n';
import { statusLabel, ticketStatuses } from './ticket-statuses';

/**
 * One ticket: its messages, the customer, the diagnostics they sent (pretty JSON as text in a
 * `<pre>`, never markup), a reply box and the status. Every value from the ticket goes in as
 * text.
 */
export function threadView(session: Session, id: string, options: { onBack: () => void }): HTMLElement {
  const back = el('button', { type: 'button' }, t('agentConsole.thread.back'));
  back.addEventListener('click', options.onBack);
  const heading = el('h2', { id: 'thread-heading', tabindex: '-1' }, t('agentConsole.thread.loading'));
  const status = el('p', { role: 'status', class: 'status' });
  const alert = el('p', { role: 'alert', class: 'alert' });
  const body = el('div');
  const view = el('section', { 'aria-labelledby': 'thread-heading' }, back, heading, status, alert, body);

  const message = (m: TicketMessage) =>
    el(
      'li',
      { class: `message ${m.author}` },
      el('p', { class: 'meta' }, el('strong', {}, t(m.author === 'agent' ? 'agentConsole.thread.author.agent' : 'agentConsole.thread.author.customer', { name: m.authorName })), ' · ', el('time', { datetime: m.createdAt }, formatTime(m.createdAt))),
      el('p', { class: 'body' }, m.body),
    );

  const render = (thread: AgentTicketThread) => {
    heading.textContent = t('agentConsole.thread.heading', { number: thread.number, subject: thread.subject });
    const messages = el('ol', { class: 'messages' }, ...thread.messages.map(message));

    const diagnostics = thread.diagnostics
      ? el('pre', { class: 'diagnostics', tabindex: '0', 'aria-labelledby': 'diagnostics-heading' }, JSON.stringify(thread.diagnostics, null, 2))
      : el('p', {}, t('agentConsole.thread.noDiagnostics'));

    const reply = field(t('agentConsole.thread.reply'), el('textarea', { name: 'reply', rows: '5', maxlength: '10000' }));
    const replyForm = el('form', { novalidate: true }, reply.wrapper, el('button', { type: 'submit' }, t('agentConsole.thread.send')));
    replyForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = reply.control.value.replace(/\r\n?/g, '\n').trim();
      if (!text) {
        alert.textContent = t('agentConsole.thread.replyRequired');
        reply.control.focus();
        return;
      }
      void act(async () => {
        const sent = await session.request<TicketMessage>('POST', `/v1/agent/tickets/${encodeURIComponent(id)}/messages`, { body: text });
        reply.control.value = '';
        messages.append(message(sent));
        showStatus('waiting');
        status.textContent = t('agentConsole.thread.sent');
      }, reply.control);
    });

    const statusSelect = el('select', { name: 'status' }, ...ticketStatuses.map((s) => el('option', { value: s }, t(statusLabel[s]))));
    statusSelect.value = thread.status;
    const statusField = field(t('agentConsole.thread.status'), statusSelect);
    const statusForm = el('form', { novalidate: true, class: 'toolbar' }, statusField.wrapper, el('button', { type: 'submit' }, t('agentConsole.thread.setStatus')));
    statusForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void act(async () => {
        const changed = await session.request<Ticket>('PATCH', `/v1/agent/tickets/${encodeURIComponent(id)}`, { status: statusSelect.value });
        showStatus(changed.status);
        status.textContent = t('agentConsole.thread.statusChanged', { status: t(statusLabel[changed.status]) });
      }, statusSelect);
    });
    const statusText = el('span', {}, t(statusLabel[thread.status]));
    const showStatus = (now: TicketStatus) => {
      statusSelect.value = now;
      statusText.textContent = t(statusLabel[now]);
    };

    body.replaceChildren(
      el('p', {}, t('agentConsole.thread.customer', { name: thread.customer.name, email: thread.customer.email })),
      el('p', {}, `${t('agentConsole.queue.status')}: `, statusText),
      el('h3', {}, t('agentConsole.thread.messages')),
      messages,
      el('h3', { id: 'diagnostics-heading' }, t('agentConsole.thread.diagnostics')),
      diagnostics,
      replyForm,
      statusForm,
    );
  };

  const act = async (work: () => Promise<void>, focusOnError: HTMLElement) => {
    alert.textContent = '';
    status.textContent = '';
    try {
      await work();
    } catch (error) {
      alert.textContent = errorText(error);
      focusOnError.focus();
    }
  };

  void (async () => {
    try {
      render(await session.request<AgentTicketThread>('GET', `/v1/agent/tickets/${encodeURIComponent(id)}`));
    } catch (error) {
      heading.textContent = t('agentConsole.queue.heading');
      alert.textContent = errorText(error);
    }
    heading.focus();
  })();
  return view;
}
