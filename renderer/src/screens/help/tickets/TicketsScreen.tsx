import '../../../styles/page-parts.css';
import './tickets.css';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Ticket } from '../../../../../shared/api/support-tickets';
import type { AppError } from '../../../../../shared/errors';
import { useApi } from '../../../api/api-context';
import { settle } from '../../../api/settle';
import { paths, ticketPath } from '../../../app/paths';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeading } from '../../../components/PageHeading';
import { RelativeTime } from '../../../components/RelativeTime';
import { useDescribeError } from '../../../errors/messages';
import { useT } from '../../../i18n/use-t';
import { TicketStatusBadge } from './TicketStatusBadge';
import { useTicketsChanged } from './use-tickets-changed';

/** The account's support tickets, newest first, each opening its thread. */
export function TicketsScreen() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(
    () =>
      void settle(() => api.tickets.list({})).then((result) => {
        if (result.ok) {
          setError(null);
          setTickets(result.value);
        } else setError(result.error);
      }),
    [api],
  );
  useEffect(load, [load]);
  useTicketsChanged(load);

  return (
    <>
      <PageHeading title={t('tickets.list.title')} />
      <div className="ticket-actions">
        <Link className="button button-primary" to={paths.newTicket}>
          {t('tickets.list.new')}
        </Link>
        <Link className="button button-secondary" to={paths.support}>
          {t('tickets.list.back')}
        </Link>
      </div>
      <section className="page-section" aria-busy={tickets === null && error === null}>
        {error && (
          <div role="alert" className="form-alert">
            <p>
              {t('tickets.list.loadFailed')} {describeError(error)}
            </p>
            <button type="button" className="button button-secondary" onClick={load}>
              {t('tickets.list.tryAgain')}
            </button>
          </div>
        )}
        {tickets === null && error === null && (
          <p role="status" className="muted">
            {t('tickets.list.loading')}
          </p>
        )}
        {tickets?.length === 0 && (
          <EmptyState>
            <p>{t('tickets.list.empty')}</p>
          </EmptyState>
        )}
        {tickets && tickets.length > 0 && (
          <table className="tickets-table">
            <caption>{t('tickets.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tickets.list.number')}</th>
                <th scope="col">{t('tickets.list.subject')}</th>
                <th scope="col">{t('tickets.list.status')}</th>
                <th scope="col">{t('tickets.list.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => (
                <tr key={ticket.id}>
                  <td>{ticket.number}</td>
                  <th scope="row">
                    <Link to={ticketPath(ticket.id)}>{ticket.subject}</Link>
                  </th>
                  <td>
                    <TicketStatusBadge status={ticket.status} />
                  </td>
                  <td>
                    <RelativeTime iso={ticket.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
