import { useState } from 'react';
import type { Invoice } from '../../../../shared/api/billing';
import type { SavedInvoice } from '../../../../shared/contract/billing';
import { type InvoiceAction, invoiceFile } from '../../actions/billing-actions';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';

/**
 * Open, Save and Show in folder for one invoice. The main process downloads the PDF and
 * says where it put it; where it cannot open a viewer or a folder (the browser host) the
 * sentence says where the file is instead.
 */
export function InvoiceButtons({ invoice }: { invoice: Pick<Invoice, 'id' | 'number'> }) {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const { pending, error, run } = useAction();
  const [done, setDone] = useState<{ action: InvoiceAction; file: SavedInvoice } | null>(null);

  const act = async (action: InvoiceAction) => {
    const result = await run(() => invoiceFile(api, invoice, action));
    if (result?.ok) setDone({ action, file: result.value });
  };

  const sentence = (() => {
    if (!done) return '';
    const { fileName, path, shown } = done.file;
    if (done.action === 'save') return t('billing.invoices.saved', { fileName });
    if (done.action === 'open') return t(shown ? 'billing.invoices.opened' : 'billing.invoices.savedNotOpened', { fileName });
    return shown ? t('billing.invoices.shown', { fileName }) : t('billing.invoices.where', { fileName, path });
  })();

  const button = (action: InvoiceAction, label: 'open' | 'save' | 'showInFolder') => (
    <button
      type="button"
      className="button button-secondary button-small"
      aria-label={t(`billing.invoices.${label}Label`, { number: invoice.number })}
      aria-disabled={pending || undefined}
      onClick={() => !pending && void act(action)}
    >
      <T id={`billing.invoices.${label}`} />
    </button>
  );

  return (
    <div className="invoice-actions">
      <div className="button-row">
        {button('open', 'open')}
        {button('save', 'save')}
        {button('show', 'showInFolder')}
      </div>
      <p role="status" className="invoice-file-status">
        {sentence}
      </p>
      {error && (
        <p role="alert" className="field-error">
          {describeError(error)}
        </p>
      )}
    </div>
  );
}
