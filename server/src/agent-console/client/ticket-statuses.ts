import type { TicketStatus } from '../../../../shared/api/support-tickets';
import type { MessageId } from './i18n';

/** The statuses in the order the filter and the status control offer them (as the contract lists them). */
export const ticketStatuses = ['open', 'waiting', 'solved', 'closed'] as const satisfies readonly TicketStatus[];

export const statusLabel: Record<TicketStatus, MessageId> = {
  open: 'agentConsole.status.open',
  waiting: 'agentConsole.status.waiting',
  solved: 'agentConsole.status.solved',
  closed: 'agentConsole.status.closed',
};
