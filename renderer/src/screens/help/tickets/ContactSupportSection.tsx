import { useId } from 'react';
import { Link } from 'react-router';
import { paths } from '../../../app/paths';
import { useT } from '../../../i18n/use-t';

/** The Help screen's way to support tickets: open one, or read those already sent. */
export function ContactSupportSection() {
  const t = useT();
  const id = useId();
  return (
    <section className="page-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('tickets.entry.title')}</h2>
      <p>{t('tickets.entry.intro')}</p>
      <p className="button-row">
        <Link className="button button-primary" to={paths.newTicket}>
          {t('tickets.entry.new')}
        </Link>{' '}
        <Link className="button button-secondary" to={paths.tickets}>
          {t('tickets.entry.list')}
        </Link>
      </p>
    </section>
  );
}
