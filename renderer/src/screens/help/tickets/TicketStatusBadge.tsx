import type { TicketStatus } from '../../../../../shared/api/support-tickets';
import { useT } from '../../../i18n/use-t';
import { statusWords } from './ticket-words';

/** A ticket's status as a word in a pill; the word carries it, the colour only repeats it. */
export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const t = useT();
  return <span className={`ticket-badge ticket-badge-${status}`}>{t(statusWords[status])}</span>;
}
