import { useEffect, useId, useMemo, useState } from 'react';
import { internationalRegion, type Contact } from '../../../../shared/api/support-contacts';
import type { SupportContacts } from '../../../../shared/contract/support';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { CopyButton } from '../../components/CopyButton';
import { useDescribeError } from '../../errors/messages';
import { useFormat, useT } from '../../i18n/use-t';
import { aroundTheClock, dayGroupLabel, hoursInOwnTime } from './call-support-hours';

/**
 * "Call support": the phone line of the region the system locale names (or the
 * international line), any other on request, its hours on the line's clock and on the
 * reader's, and whether it answers now. The number is copied, not dialled: the vetted
 * external-link path opens https only, and a computer rarely has a phone to hand `tel:` to.
 */
export function CallSupportSection() {
  const api = useApi();
  const t = useT();
  const intl = useFormat();
  const describeError = useDescribeError();
  const selectId = useId();
  const [contacts, setContacts] = useState<SupportContacts | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [region, setRegion] = useState<string | null>(null);

  const fetchLines = () =>
    settle(() => api.support.contacts({})).then((result) => {
      if (result.ok) setContacts(result.value);
      else setError(result.error);
    });
  const load = () => {
    setError(null);
    void fetchLines();
  };
  useEffect(() => {
    void fetchLines();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the section appears
  }, [api]);

  const regionNames = useMemo(() => new Intl.DisplayNames([intl.locale], { type: 'region', fallback: 'none' }), [intl.locale]);
  const languageNames = useMemo(() => new Intl.DisplayNames([intl.locale], { type: 'language', fallback: 'none' }), [intl.locale]);
  const nameOf = (line: Contact) =>
    line.region === internationalRegion ? t('support.call.international') : (regionNames.of(line.region) ?? line.regionName);

  const lines = contacts?.lines ?? [];
  const options = [...lines]
    .filter((line) => line.region !== internationalRegion)
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b), intl.locale));
  const international = lines.find((line) => line.region === internationalRegion);
  if (international) options.push(international);
  const suggested = lines.find((line) => line.region === contacts?.suggestedRegion) ?? international;
  const line = lines.find((l) => l.region === region) ?? suggested;
  const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const now = new Date();

  return (
    <section className="page-section call-support" aria-labelledby={`${selectId}-title`}>
      <h2 id={`${selectId}-title`}>{t('support.call.title')}</h2>
      <p>{t('support.call.intro')}</p>
      {!contacts && !error && (
        <p role="status" className="muted">
          {t('support.call.loading')}
        </p>
      )}
      {error && (
        <div role="alert" className="form-notice">
          <p>
            {t('support.call.loadFailed')} {describeError(error)}
          </p>
          <button type="button" className="button button-secondary" onClick={load}>
            {t('support.call.tryAgain')}
          </button>
        </div>
      )}
      {line && (
        <>
          <div className="field">
            <label htmlFor={selectId}>{t('support.call.region')}</label>
            <select id={selectId} value={line.region} onChange={(e) => setRegion(e.target.value)}>
              {options.map((option) => (
                <option key={option.region} value={option.region}>
                  {nameOf(option)}
                </option>
              ))}
            </select>
          </div>
          <div className="call-support-line" aria-live="polite">
            <h3>{nameOf(line)}</h3>
            <p className="call-support-number">
              {t('support.call.number')}{' '}
              <strong dir="ltr" data-testid="support-phone">
                {line.phone}
              </strong>{' '}
              <CopyButton text={line.phone.replaceAll(' ', '')} label={t('support.call.copy')} />
            </p>
            <p>{t('support.call.languages', { languages: intl.formatList(line.languages.map((l) => languageNames.of(l) ?? l)) })}</p>
            <p className={line.openNow ? 'call-support-open' : 'call-support-closed'}>
              <strong>{line.openNow ? t('support.call.openNow') : t('support.call.closedNow')}</strong>
            </p>
            <table className="call-support-hours">
              <caption>{t('support.call.hoursTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('support.call.days')}</th>
                  <th scope="col">{t('support.call.lineTime', { zone: line.timeZone })}</th>
                  <th scope="col">{t('support.call.ownTime', { zone: ownZone })}</th>
                </tr>
              </thead>
              <tbody>
                {line.hours.map((hours) => {
                  const own = hoursInOwnTime(hours, line.timeZone, ownZone, now, intl.locale);
                  const allDay = aroundTheClock(hours);
                  return (
                    <tr key={hours.days.join()}>
                      <th scope="row">{dayGroupLabel(hours.days, intl.locale)}</th>
                      <td>{allDay ? t('support.call.allDay') : `${hours.opens}–${hours.closes}`}</td>
                      <td>
                        {allDay ? t('support.call.allDay') : `${own.opens}–${own.closes}`}
                        {!allDay && own.shift !== 0 && ` ${t(own.shift > 0 ? 'support.call.nextDay' : 'support.call.previousDay')}`}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
