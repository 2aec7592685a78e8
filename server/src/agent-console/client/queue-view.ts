import type { AgentTicket } from '../../../../shared/api/support-agents';
import type { TicketStatus } from '../../../../shared/api/support-tickets';
import type { Session } from './api-client';
import { el, field } from './dom';
import { errorText } from './error-text';
import { formatAge, formatTime, t } from './i18n';
import { statusLabel, ticketStatuses } from './ticket-statuses';

/**
 * Every account's tickets, the longest waiting first (the service's order), filtered by
 * status. Each subject is a button that opens the thread.
 */
export function queueView(session: Session, options: { filter: TicketStatus | ''; onFilter: (status: TicketStatus | '') => void; onOpen: (id: string) => void }): HTMLElement {
  const select = el('select', { name: 'status' }, el('option', { value: '' }, t('agentConsole.status.all')), ...ticketStatuses.map((s) => el('option', { value: s }, t(statusLabel[s]))));
  select.value = options.filter;
  const filter = field(t('agentConsole.queue.filter'), select);
  const refresh = el('button', { type: 'button' }, t('agentConsole.queue.refresh'));
  const status = el('p', { role: 'status', class: 'status' });
  const alert = el('p', { role: 'alert', class: 'alert' });
  const table = el('div', { class: 'queue' });
  const heading = el('h2', { id: 'queue-heading', tabindex: '-1' }, t('agentConsole.queue.heading'));
  const view = el('section', { 'aria-labelledby': 'queue-heading' }, heading, el('div', { class: 'toolbar' }, filter.wrapper, refresh), status, alert, table);

  const row = (ticket: AgentTicket) =>
    el(
      'tr',
      {},
      el('td', {}, ticket.number),
      el('td', {}, (() => {
        const open = el('button', { type: 'button', class: 'link' }, ticket.subject);
        open.addEventListener('click', () => options.onOpen(ticket.id));
        return open;
      })()),
      el('td', {}, el('span', {}, ticket.customer.name), el('br'), el('span', { class: 'muted' }, ticket.customer.email)),
      el('td', {}, t(statusLabel[ticket.status])),
      el('td', {}, el('time', { datetime: ticket.createdAt, title: formatTime(ticket.createdAt) }, formatAge(ticket.createdAt))),
    );

  const load = async () => {
    status.textContent = t('agentConsole.queue.loading');
    alert.textContent = '';
    try {
      const tickets = await session.request<AgentTicket[]>('GET', `/v1/agent/tickets${select.value ? `?status=${encodeURIComponent(select.value)}` : ''}`);
      status.textContent = '';
      if (tickets.length === 0) {
        table.replaceChildren(el('p', {}, t('agentConsole.queue.empty')));
        return;
      }
      const columns = (['number', 'subject', 'customer', 'status', 'age'] as const).map((c) => el('th', { scope: 'col' }, t(`agentConsole.queue.${c}`)));
      table.replaceChildren(el('table', {}, el('caption', {}, t('agentConsole.queue.caption')), el('thead', {}, el('tr', {}, ...columns)), el('tbody', {}, ...tickets.map(row))));
    } catch (error) {
      status.textContent = '';
      alert.textContent = errorText(error);
    }
  };

  select.addEventListener('change', () => {
    options.onFilter(select.value as TicketStatus | '');
    void load();
  });
  refresh.addEventListener('click', () => void load());
  void load();
  return view;
}
