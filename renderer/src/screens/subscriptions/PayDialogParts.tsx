import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Invoice, PaymentMethod } from '../../../../shared/api/billing';
import { type AppError, errorDetails } from '../../../../shared/errors';
import { FormAlert } from '../../components/FormAlert';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { AddCardForm } from '../billing/AddCardForm';
import { cardExpired, expiryParts, useCardName } from '../billing/card-words';
import { InvoiceButtons } from '../billing/InvoiceButtons';
import { useMoney } from '../billing/money';

/** The sentence for a failed charge: a declined card says which card and what to do; anything else its code's sentence. */
export function useChargeProblem(): (error: AppError, card: PaymentMethod | undefined) => string {
  const t = useT();
  const describeError = useDescribeError();
  const cardName = useCardName();
  return (error, card) => {
    const declined = errorDetails(error, 'PAYMENT_DECLINED');
    if (declined && card) return t(`billing.declined.${declined.reason}`, { card: cardName(card) });
    return describeError(error);
  };
}

/** Choose one of the account's cards (the default first chosen), or add one here. */
export function CardStep({
  cards,
  chosen,
  onChoose,
  onAdded,
  onNext,
  onBack,
}: {
  cards: readonly PaymentMethod[];
  chosen: string | null;
  onChoose(id: string): void;
  /** A card added here: chosen, and on to the next step. */
  onAdded(card: PaymentMethod): void;
  onNext(): void;
  onBack(): void;
}) {
  const id = useId();
  const cardName = useCardName();
  const usable = cards.filter((c) => !cardExpired(c));
  const [adding, setAdding] = useState(usable.length === 0);
  const NEW = '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen && !adding) onNext();
  };

  return (
    <>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="choice-group">
          <legend>
            <T id="billing.renew.cardLegend" />
          </legend>
          {usable.map((card) => (
            <div key={card.id} className="field-check">
              <input
                type="radio"
                id={`${id}-${card.id}`}
                name={`${id}-card`}
                checked={!adding && chosen === card.id}
                onChange={() => {
                  setAdding(false);
                  onChoose(card.id);
                }}
                aria-describedby={`${id}-${card.id}-hint`}
              />
              <label htmlFor={`${id}-${card.id}`}>{cardName(card)}</label>
              <p id={`${id}-${card.id}-hint`} className="field-hint extend-hint">
                <T id="billing.renew.cardHint" values={expiryParts(card)} />
              </p>
            </div>
          ))}
          <div className="field-check">
            <input
              type="radio"
              id={`${id}-new`}
              name={`${id}-card`}
              value={NEW}
              checked={adding}
              onChange={() => setAdding(true)}
            />
            <label htmlFor={`${id}-new`}>
              <T id="billing.renew.newCard" />
            </label>
          </div>
        </fieldset>
        {!adding && (
          <div className="button-row">
            <button type="submit" className="button button-primary" aria-disabled={!chosen || undefined}>
              <T id="billing.renew.next" />
            </button>
            <button type="button" className="button button-secondary" onClick={onBack}>
              <T id="billing.renew.back" />
            </button>
          </div>
        )}
      </form>
      {adding && (
        <AddCardForm
          onAdded={(card) => {
            setAdding(false);
            onAdded(card);
          }}
          onCancel={usable.length > 0 ? () => setAdding(false) : onBack}
        />
      )}
    </>
  );
}

/** The last look before paying: what, how much, with which card; then the one button that pays. */
export function ConfirmStep({
  lead,
  price,
  pending,
  problem,
  onPay,
  onBack,
}: {
  lead: ReactNode;
  price: string;
  pending: boolean;
  problem: string | null;
  onPay(): void;
  onBack(): void;
}) {
  const id = useId();
  const t = useT();
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending) onPay();
      }}
      noValidate
    >
      <p>{lead}</p>
      {problem && (
        <FormAlert id={`${id}-alert`}>
          <p>{problem}</p>
        </FormAlert>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
          {pending ? t('billing.renew.paying') : t('billing.renew.pay', { price })}
        </button>
        <button type="button" className="button button-secondary" onClick={onBack} disabled={pending}>
          <T id="billing.renew.back" />
        </button>
      </div>
    </form>
  );
}

/** What was bought, and its invoice to open or save. */
export function Receipt({ title, lead, invoice, onDone }: { title: string; lead: string; invoice: Invoice; onDone(): void }) {
  const money = useMoney();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form that paid is gone: the reader is taken to what happened.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="receipt">
      <h3 ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      <p>{lead}</p>
      <p>
        <T id="billing.renew.invoice" values={{ number: invoice.number, price: money(invoice.amount, invoice.currency) }} />
      </p>
      <InvoiceButtons invoice={invoice} />
      <div className="button-row dialog-actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          <T id="billing.renew.done" />
        </button>
      </div>
    </div>
  );
}
