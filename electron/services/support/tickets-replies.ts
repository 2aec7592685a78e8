import type { TicketThread } from '../../../shared/api/support-tickets';

/** A reply from support, as an OS notification names it. */
export interface SupportReply {
  ticketId: string;
  subject: string;
  /** The agent message's id: one notification per reply, however often the ticket changes. */
  replyId: string;
}

/**
 * The reply a `ticket.updated` announced: the thread's last message when support wrote it.
 * A status change only (solved, say) or the customer's own last word announces none.
 */
export function latestAgentReply(thread: TicketThread): SupportReply | null {
  const last = thread.messages.at(-1);
  if (!last || last.author !== 'agent') return null;
  return { ticketId: thread.id, subject: thread.subject, replyId: last.id };
}
