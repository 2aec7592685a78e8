import { useId } from 'react';
import { useIntl } from 'react-intl';
import { loadInvoices } from '../../actions/billing-actions';
import { useApi } from '../../api/api-context';
import { LoadFallback } from '../../components/LoadFallback';
import { T, useT } from '../../i18n/use-t';
import { LongDate } from '../subscriptions/LongDate';
import { useBillingStore } from '../../stores/billing-store';
import { useCardName } from './card-words';
import { InvoiceButtons } from './InvoiceButtons';
import { useMoney } from './money';

/** Every invoice, newest first, each to open, save or show in its folder. */
export function InvoicesSection() {
  const id = useId();
  const api = useApi();
  const t = useT();
  const intl = useIntl();
  const money = useMoney();
  const cardName = useCardName();
  const invoices = useBillingStore((s) => s.invoices);
  const error = useBillingStore((s) => s.errors.invoices);
  const sorted = invoices ? [...invoices].sort((a, b) => Date.parse(b.issuedAt) - Date.parse(a.issuedAt)) : null;

  return (
    <section className="page-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <T id="billing.invoices.heading" />
      </h2>
      {!sorted ? (
        <LoadFallback
          error={error}
          loading={t('billing.invoices.loading')}
          failed={t('billing.invoices.loadFailed')}
          onRetry={() => void loadInvoices(api)}
        />
      ) : sorted.length === 0 ? (
        <p>
          <T id="billing.invoices.empty" />
        </p>
      ) : (
        <ul className="cards invoice-list" aria-labelledby={`${id}-title`}>
          {sorted.map((invoice) => (
            <li key={invoice.id}>
              <article className="card invoice-card" aria-labelledby={`${id}-${invoice.id}`}>
                <h3 id={`${id}-${invoice.id}`} className="invoice-number">
                  {invoice.number}
                </h3>
                <p>
                  <LongDate iso={invoice.issuedAt} /> · {invoice.description}
                </p>
                <p>
                  <strong>{money(invoice.amount, invoice.currency)}</strong>{' '}
                  <T
                    id="billing.invoices.tax"
                    values={{
                      tax: money(invoice.taxAmount, invoice.currency),
                      rate: intl.formatNumber(invoice.taxRate / 100, { style: 'percent', maximumFractionDigits: 2 }),
                    }}
                  />
                </p>
                <p className="field-hint">
                  <T id="billing.invoices.paidWith" values={{ card: cardName(invoice.paymentMethod) }} />
                </p>
                <InvoiceButtons invoice={invoice} />
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
