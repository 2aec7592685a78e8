import type { TicketStatus } from '../../../../../shared/api/support-tickets';
import type { ticketCategories } from '../../../../../shared/api/support-tickets';
import type { MessageId } from '../../../i18n/catalogues';

export const statusWords: Record<TicketStatus, MessageId> = {
  open: 'tickets.status.open',
  waiting: 'tickets.status.waiting',
  solved: 'tickets.status.solved',
  closed: 'tickets.status.closed',
};

export const categoryWords: Record<(typeof ticketCategories)[number], MessageId> = {
  account: 'tickets.category.account',
  billing: 'tickets.category.billing',
  devices: 'tickets.category.devices',
  installation: 'tickets.category.installation',
  other: 'tickets.category.other',
};
