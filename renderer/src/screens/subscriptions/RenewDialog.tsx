import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Invoice, PaymentMethod, TermYears } from '../../../../shared/api/billing';
import type { Subscription } from '../../../../shared/api/subscriptions';
import type { RenewalTerm } from '../../../../shared/contract/billing';
import type { AppError } from '../../../../shared/errors';
import { renewalTerms, renewSubscription } from '../../actions/billing-actions';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { LoadFallback } from '../../components/LoadFallback';
import { T, useT } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';
import { useBillingStore } from '../../stores/billing-store';
import { renewalCard } from '../billing/AutoRenewSection';
import { useCardName } from '../billing/card-words';
import { useMoney } from '../billing/money';
import { CardStep, ConfirmStep, Receipt, useChargeProblem } from './PayDialogParts';

type Step = 'term' | 'card' | 'confirm' | 'receipt';

/** Renew now: the term (price, new expiry) → the card, or a new one → confirm → the receipt. */
export function RenewDialog({ subscription, onClose }: { subscription: Subscription; onClose(): void }) {
  const id = useId();
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const cardName = useCardName();
  const chargeProblem = useChargeProblem();
  const { formatDate } = useDates();
  const cards = useBillingStore((s) => s.paymentMethods) ?? [];
  const [terms, setTerms] = useState<RenewalTerm[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [step, setStep] = useState<Step>('term');
  const [termYears, setTermYears] = useState<TermYears | null>(null);
  const [cardId, setCardId] = useState<string | null>(renewalCard(subscription, cards)?.id ?? null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<PaymentMethod | null>(null);
  const [result, setResult] = useState<{ subscription: Subscription; invoice: Invoice } | null>(null);

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    void renewalTerms(api, subscription.id).then((answer) => {
      if (!current) return;
      if (answer.ok) {
        setTerms(answer.value);
        setTermYears((chosen) => chosen ?? answer.value.find((x) => x.termYears === subscription.termYears)?.termYears ?? answer.value[0]?.termYears ?? null);
      } else setLoadError(answer.error);
    });
    return () => {
      current = false;
    };
  }, [api, subscription.id, subscription.termYears, attempt]);
  const load = () => {
    setLoadError(null);
    setAttempt((n) => n + 1);
  };

  const term = terms?.find((x) => x.termYears === termYears);
  const card = cards.find((c) => c.id === cardId) ?? (added?.id === cardId ? added : undefined);
  const price = term ? money(term.amount, term.currency) : '';

  const pay = async () => {
    if (!term || !card) return;
    setPending(true);
    setProblem(null);
    const answer = await renewSubscription(api, {
      subscriptionId: subscription.id,
      termYears: term.termYears,
      paymentMethodId: card.id,
    });
    setPending(false);
    if (answer.ok) {
      setResult(answer.value);
      setStep('receipt');
    } else setProblem(chargeProblem(answer.error, card));
  };

  const submitTerm = (event: FormEvent) => {
    event.preventDefault();
    if (term) setStep('card');
  };

  return (
    <Dialog title={t('billing.renew.title', { plan: subscription.planName })} onClose={() => !pending && onClose()}>
      {step === 'term' &&
        (!terms ? (
          <LoadFallback error={loadError} loading={t('billing.renew.loadingTerms')} onRetry={load} />
        ) : (
          <form className="form" onSubmit={submitTerm} noValidate>
            <fieldset className="choice-group extend-choice">
              <legend>
                <T id="billing.renew.termLegend" />
              </legend>
              {terms.map((x) => {
                const inputId = `${id}-term-${x.termYears}`;
                return (
                  <div key={x.termYears} className="field-check">
                    <input
                      type="radio"
                      id={inputId}
                      name={`${id}-term`}
                      checked={termYears === x.termYears}
                      onChange={() => setTermYears(x.termYears)}
                      aria-describedby={`${inputId}-hint`}
                    />
                    <label htmlFor={inputId}>
                      {t('billing.renew.term', { years: x.termYears, price: money(x.amount, x.currency) })}
                    </label>
                    <p id={`${inputId}-hint`} className="field-hint">
                      {t('billing.renew.termHint', { date: formatDate(x.expiresAt) })}
                    </p>
                  </div>
                );
              })}
            </fieldset>
            <div className="button-row">
              <button type="submit" className="button button-primary" aria-disabled={!term || undefined}>
                <T id="billing.renew.next" />
              </button>
              <button type="button" className="button button-secondary" onClick={onClose}>
                <T id="common.cancel" />
              </button>
            </div>
          </form>
        ))}
      {step === 'card' && (
        <CardStep
          cards={cards}
          chosen={cardId}
          onChoose={setCardId}
          onAdded={(c) => {
            setAdded(c);
            setCardId(c.id);
            setStep('confirm');
          }}
          onNext={() => setStep('confirm')}
          onBack={() => setStep('term')}
        />
      )}
      {step === 'confirm' && term && card && (
        <ConfirmStep
          lead={t('billing.renew.confirmLead', {
            price,
            card: cardName(card),
            plan: subscription.planName,
            date: formatDate(term.expiresAt),
          })}
          price={price}
          pending={pending}
          problem={problem}
          onPay={() => void pay()}
          onBack={() => {
            setProblem(null);
            setStep('card');
          }}
        />
      )}
      {step === 'receipt' && result && (
        <Receipt
          title={t('billing.renew.doneTitle', { plan: result.subscription.planName })}
          lead={t('billing.renew.doneLead', { date: formatDate(result.subscription.expiresAt) })}
          invoice={result.invoice}
          onDone={onClose}
        />
      )}
    </Dialog>
  );
}
