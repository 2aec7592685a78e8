import { useId, useRef, useState, type FormEvent } from 'react';
import type { PaymentMethod } from '../../../../shared/api/billing';
import { expiryProblem, parseExpiry } from '../../../../shared/card-entry';
import { type AppError, errorDetails } from '../../../../shared/errors';
import {
  deletePaymentMethod,
  loadPaymentMethods,
  makeDefaultPaymentMethod,
  updatePaymentMethod,
} from '../../actions/billing-actions';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { LoadFallback } from '../../components/LoadFallback';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useDescribeError } from '../../errors/messages';
import { useFieldErrors } from '../../errors/field-errors';
import { T, useT } from '../../i18n/use-t';
import { useBillingStore } from '../../stores/billing-store';
import { useProtectionStore } from '../../stores/protection-store';
import { useSubscriptionName } from '../subscriptions/subscription-name';
import { AddCardForm } from './AddCardForm';
import { cardExpired, expiryParts, useCardName } from './card-words';

/** The account's cards: add, edit expiry and holder, make default, delete. */
export function PaymentMethodsSection() {
  const id = useId();
  const api = useApi();
  const t = useT();
  const cardName = useCardName();
  const cards = useBillingStore((s) => s.paymentMethods);
  const error = useBillingStore((s) => s.errors.paymentMethods);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<PaymentMethod | null>(null);
  const [deleting, setDeleting] = useState<PaymentMethod | null>(null);
  const [notice, setNotice] = useState('');
  const [rowError, setRowError] = useState<AppError | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const describeError = useDescribeError();

  const makeDefault = async (card: PaymentMethod) => {
    setRowError(null);
    const result = await makeDefaultPaymentMethod(api, card.id);
    if (result.ok) setNotice(t('billing.card.madeDefault', { card: cardName(card) }));
    else setRowError(result.error);
  };

  return (
    <section className="page-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <T id="billing.cards.heading" />
      </h2>
      {!cards ? (
        <LoadFallback
          error={error}
          loading={t('billing.cards.loading')}
          failed={t('billing.cards.loadFailed')}
          onRetry={() => void loadPaymentMethods(api)}
        />
      ) : cards.length === 0 ? (
        <p>
          <T id="billing.cards.empty" />
        </p>
      ) : (
        <ul className="cards payment-cards" aria-label={t('billing.cards.listLabel')}>
          {cards.map((card) => {
            const name = cardName(card);
            const expired = cardExpired(card);
            return (
              <li key={card.id} className="card payment-card">
                <p className="payment-card-name">
                  <strong>{name}</strong>
                  {card.isDefault && (
                    <span className="badge">
                      <T id="billing.card.default" />
                    </span>
                  )}
                </p>
                <p className={expired ? 'subscription-warning' : undefined}>
                  <T id={expired ? 'billing.card.expiredOn' : 'billing.card.expires'} values={expiryParts(card)} />
                </p>
                <p className="payment-card-holder">{card.holder}</p>
                <div className="button-row card-actions">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('billing.card.editLabel', { card: name })}
                    onClick={() => setEditing(card)}
                  >
                    <T id="billing.card.edit" />
                  </button>
                  {!card.isDefault && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={t('billing.card.makeDefaultLabel', { card: name })}
                      onClick={() => void makeDefault(card)}
                    >
                      <T id="billing.card.makeDefault" />
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('billing.card.deleteLabel', { card: name })}
                    onClick={() => setDeleting(card)}
                  >
                    <T id="billing.card.delete" />
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div className="notice-region" aria-live="polite">
        {notice && <FormNotice>{notice}</FormNotice>}
      </div>
      {rowError && (
        <FormAlert id={`${id}-row-error`}>
          <p>{describeError(rowError)}</p>
        </FormAlert>
      )}
      <p className="page-actions">
        <button ref={addRef} type="button" className="button button-primary" onClick={() => setAdding(true)}>
          <T id="billing.cards.add" />
        </button>
      </p>
      {adding && (
        <Dialog title={t('billing.add.title')} description={<T id="billing.add.lead" />} onClose={() => setAdding(false)}>
          <AddCardForm
            onAdded={(card) => {
              setAdding(false);
              setNotice(t('billing.add.added', { card: cardName(card) }));
            }}
            onCancel={() => setAdding(false)}
          />
        </Dialog>
      )}
      {editing && (
        <EditCardDialog
          card={editing}
          onClose={() => setEditing(null)}
          onSaved={(card) => {
            setEditing(null);
            setNotice(t('billing.edit.saved', { card: cardName(card) }));
          }}
        />
      )}
      {deleting && (
        <DeleteCardDialog
          card={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(card) => {
            setDeleting(null);
            setNotice(t('billing.card.deleted', { card: cardName(card) }));
          }}
          fallbackFocus={() => addRef.current}
        />
      )}
    </section>
  );
}

function DeleteCardDialog({
  card,
  onClose,
  onDeleted,
  fallbackFocus,
}: {
  card: PaymentMethod;
  onClose(): void;
  onDeleted(card: PaymentMethod): void;
  fallbackFocus(): HTMLElement | null;
}) {
  const api = useApi();
  const t = useT();
  const cardName = useCardName();
  const name = cardName(card);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const nameOf = useSubscriptionName();
  const [inUse, setInUse] = useState<string[] | null>(null);

  if (inUse) {
    // What stands in the way, and the two ways out, in plain words.
    const names = inUse.map((sid) => {
      const s = subscriptions?.find((x) => x.id === sid);
      return s ? nameOf(s) : sid;
    });
    return (
      <Dialog role="alertdialog" title={t('billing.card.deleteTitle', { card: name })} onClose={onClose} fallbackFocus={fallbackFocus}>
        <div role="alert" className="form-alert">
          <p>
            <T
              id="billing.card.inUse"
              values={{ card: name, count: inUse.length, subscriptions: names.join(', ') }}
            />
          </p>
        </div>
        <div className="button-row dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            <T id="common.close" />
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <ConfirmDialog
      title={t('billing.card.deleteTitle', { card: name })}
      confirmLabel={t('billing.card.deleteConfirm')}
      destructive
      onCancel={onClose}
      fallbackFocus={fallbackFocus}
      onConfirm={async () => {
        const result = await deletePaymentMethod(api, card.id);
        if (result.ok) {
          onDeleted(card);
          return null;
        }
        const blocked = errorDetails(result.error, 'PAYMENT_METHOD_IN_USE');
        if (blocked) {
          setInUse(blocked.subscriptionIds);
          return null;
        }
        return result.error;
      }}
    >
      <p>
        <T id="billing.card.deleteBody" />
      </p>
    </ConfirmDialog>
  );
}

function EditCardDialog({
  card,
  onClose,
  onSaved,
}: {
  card: PaymentMethod;
  onClose(): void;
  onSaved(card: PaymentMethod): void;
}) {
  const id = useId();
  const api = useApi();
  const t = useT();
  const cardName = useCardName();
  const describeError = useDescribeError();
  const { pending, error, run } = useAction();
  const { month, year } = expiryParts(card);
  const [expiry, setExpiry] = useState(`${month}/${year.slice(2)}`);
  const [holder, setHolder] = useState(card.holder);
  const [problems, setProblems] = useState<{ expiry?: string | undefined; holder?: string | undefined }>({});
  const serviceFields = useFieldErrors(error);
  const expiryRef = useRef<HTMLInputElement>(null);
  const holderRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const expiryIssue = expiryProblem(expiry, new Date());
    const found = {
      expiry: expiryIssue ? t(`billing.add.expiry.${expiryIssue}`) : undefined,
      holder: holder.trim() === '' ? t('billing.add.holder.missing') : undefined,
    };
    setProblems(found);
    if (found.expiry) return expiryRef.current?.focus();
    if (found.holder) return holderRef.current?.focus();
    const parsed = parseExpiry(expiry)!;
    const result = await run(() =>
      updatePaymentMethod(api, { id: card.id, expMonth: parsed.month, expYear: parsed.year, holder: holder.trim() }),
    );
    if (result?.ok) onSaved(result.value);
  };

  return (
    <Dialog title={t('billing.edit.title', { card: cardName(card) })} description={<T id="billing.edit.lead" />} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('billing.add.expiry')}
          inputRef={expiryRef}
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          inputMode="numeric"
          autoComplete="cc-exp"
          maxLength={7}
          error={problems.expiry ?? serviceFields.expMonth ?? serviceFields.expYear}
        />
        <TextField
          label={t('billing.add.holder')}
          inputRef={holderRef}
          value={holder}
          onChange={(e) => setHolder(e.target.value)}
          autoComplete="cc-name"
          maxLength={100}
          error={problems.holder ?? serviceFields.holder}
        />
        {error && !Object.values(serviceFields).some(Boolean) && (
          <FormAlert id={`${id}-alert`}>
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <div className="button-row">
          <SubmitButton pending={pending} busyLabel={t('billing.edit.busy')}>
            <T id="billing.edit.submit" />
          </SubmitButton>
          <button type="button" className="button button-secondary" onClick={onClose}>
            <T id="common.cancel" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}
