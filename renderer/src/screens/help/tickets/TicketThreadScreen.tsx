import '../../../styles/page-parts.css';
import './tickets.css';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { TicketThread } from '../../../../../shared/api/support-tickets';
import type { AppError } from '../../../../../shared/errors';
import { useApi } from '../../../api/api-context';
import { settle } from '../../../api/settle';
import { paths } from '../../../app/paths';
import { useAction } from '../../../app/use-action';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormAlert, FormNotice } from '../../../components/FormAlert';
import { PageHeading } from '../../../components/PageHeading';
import { SubmitButton } from '../../../components/SubmitButton';
import { useFieldErrors } from '../../../errors/field-errors';
import { useDescribeError } from '../../../errors/messages';
import { useDates } from '../../../lib/dates';
import { useT } from '../../../i18n/use-t';
import { TicketStatusBadge } from './TicketStatusBadge';
import { categoryWords } from './ticket-words';
import { useTicketsChanged } from './use-tickets-changed';

/** The number the New ticket screen hands over, read as untrusted location state. */
function createdNumber(state: unknown): string | null {
  const created = typeof state === 'object' && state !== null ? (state as Record<string, unknown>).created : undefined;
  return typeof created === 'string' && /^T-\d{6}$/.test(created) ? created : null;
}

/**
 * One ticket: its messages with author and time, a reply box, and closing it. The main
 * process hears which ticket is on screen, so support's reply to it raises no OS
 * notification; the thread reads itself again when support answers.
 */
export function TicketThreadScreen() {
  const { id = '' } = useParams();
  const api = useApi();
  const t = useT();
  const { formatDateTime } = useDates();
  const describeError = useDescribeError();
  const location = useLocation();
  const formId = useId();
  const [thread, setThread] = useState<TicketThread | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [reply, setReply] = useState('');
  const [notice, setNotice] = useState<string | null>(() => {
    const number = createdNumber(location.state);
    return number ? t('tickets.thread.created', { number }) : null;
  });
  const [confirming, setConfirming] = useState(false);
  const { pending, error, setError, run } = useAction();
  const fields = useFieldErrors(error);
  const closeButton = useRef<HTMLButtonElement>(null);
  const replyBox = useRef<HTMLTextAreaElement>(null);

  const load = useCallback(
    () =>
      void settle(() => api.tickets.get({ id })).then((result) => {
        if (result.ok) {
          setLoadError(null);
          setThread(result.value);
        } else setLoadError(result.error);
      }),
    [api, id],
  );
  useEffect(load, [load]);
  useTicketsChanged(load, id);
  useEffect(() => {
    void settle(() => api.tickets.viewing({ id }));
    return () => void settle(() => api.tickets.viewing({}));
  }, [api, id]);

  const sendReply = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const result = await run(() => api.tickets.reply({ id, body: reply.trim() }));
    if (result?.ok) {
      setReply('');
      setNotice(t('tickets.thread.sent'));
      load();
    } else if (result && !result.ok && result.error.code === 'TICKET_CLOSED') load();
  };

  const close = async (): Promise<AppError | null> => {
    const result = await settle(() => api.tickets.close({ id }));
    if (!result.ok) return result.error;
    setConfirming(false);
    setError(null);
    setThread((current) => (current ? { ...current, ...result.value } : current));
    setNotice(t('tickets.thread.closed', { number: result.value.number }));
    return null;
  };

  if (!thread) {
    return (
      <>
        <PageHeading title={t('tickets.thread.loading')} />
        <p>
          <Link to={paths.tickets}>{t('tickets.thread.back')}</Link>
        </p>
        {loadError ? (
          <div role="alert" className="form-alert">
            <p>
              {t('tickets.thread.loadFailed')} {describeError(loadError)}
            </p>
          </div>
        ) : (
          <p role="status" className="muted">
            {t('tickets.thread.loading')}
          </p>
        )}
      </>
    );
  }

  const closed = thread.status === 'closed';
  const replyClosed = error?.code === 'TICKET_CLOSED';
  const alertId = `${formId}-alert`;
  return (
    <>
      <PageHeading title={t('tickets.thread.title', { number: thread.number, subject: thread.subject })} />
      <p>
        <Link to={paths.tickets}>{t('tickets.thread.back')}</Link>
      </p>
      <p className="muted">
        <TicketStatusBadge status={thread.status} />{' '}
        {t('tickets.thread.summary', { category: t(categoryWords[thread.category]), opened: formatDateTime(thread.createdAt) })}
      </p>
      {notice && <FormNotice>{notice}</FormNotice>}
      <section className="page-section" aria-labelledby={`${formId}-messages`}>
        <h2 id={`${formId}-messages`}>{t('tickets.thread.messages')}</h2>
        <ol className="ticket-messages" aria-labelledby={`${formId}-messages`}>
          {thread.messages.map((message) => {
            const author = message.author === 'agent' ? t('tickets.thread.fromSupport', { name: message.authorName }) : t('tickets.thread.you');
            return (
              <li key={message.id} className={`ticket-message ticket-message-${message.author}`}>
                <article aria-labelledby={`${formId}-m-${message.id}`}>
                  <h3 id={`${formId}-m-${message.id}`}>
                    {author}, <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
                  </h3>
                  <p className="ticket-message-body">{message.body}</p>
                </article>
              </li>
            );
          })}
        </ol>
      </section>
      {closed && !replyClosed && (
        <div className="form-notice" role="status">
          <p>{t('tickets.thread.closedNotice')}</p>
          <Link className="button button-primary" to={paths.newTicket}>
            {t('tickets.thread.newTicket')}
          </Link>
        </div>
      )}
      {(!closed || replyClosed) && (
        <form className="page-section ticket-reply" onSubmit={(event) => void sendReply(event)} noValidate>
          {error && (
            <FormAlert id={alertId}>
              {replyClosed ? (
                <>
                  <p>{t('tickets.thread.closedAfterReply')}</p>
                  <Link className="button button-primary" to={paths.newTicket}>
                    {t('tickets.thread.newTicket')}
                  </Link>
                </>
              ) : (
                <p>
                  {t('tickets.thread.replyFailed')} {fields.body ?? describeError(error)}
                </p>
              )}
            </FormAlert>
          )}
          <div className="field">
            <label htmlFor={`${formId}-reply`}>{t('tickets.thread.reply')}</label>
            <textarea
              id={`${formId}-reply`}
              ref={replyBox}
              rows={5}
              value={reply}
              maxLength={10_000}
              aria-invalid={error && !replyClosed ? true : undefined}
              aria-describedby={error ? alertId : undefined}
              onChange={(event) => setReply(event.target.value)}
            />
          </div>
          <div className="ticket-actions">
            <SubmitButton pending={pending} busyLabel={t('tickets.thread.sending')}>
              {t('tickets.thread.send')}
            </SubmitButton>
            {!closed && (
              <button ref={closeButton} type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
                {t('tickets.thread.close')}
              </button>
            )}
          </div>
        </form>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('tickets.thread.closeTitle', { number: thread.number })}
          confirmLabel={t('tickets.thread.closeConfirm')}
          cancelLabel={t('tickets.thread.closeCancel')}
          onConfirm={close}
          onCancel={() => setConfirming(false)}
          // Once closed, the button and the reply box are gone: focus goes back to the page's heading.
          fallbackFocus={() => closeButton.current ?? document.querySelector<HTMLElement>('h1.page-heading')}
        >
          <p>{t('tickets.thread.closeBody')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
