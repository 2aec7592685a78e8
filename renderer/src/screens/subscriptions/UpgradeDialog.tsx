import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Invoice, PaymentMethod } from '../../../../shared/api/billing';
import type { Subscription, UpgradeOptions } from '../../../../shared/api/subscriptions';
import { type AppError, errorDetails } from '../../../../shared/errors';
import type { PlanId } from '../../../../shared/plans';
import { upgradeOptions, upgradeSubscription } from '../../actions/billing-actions';
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

type Step = 'plan' | 'card' | 'confirm' | 'receipt';

/** Add more devices: a bigger plan for the rest of the term, at the prorated difference. */
export function UpgradeDialog({ subscription, onClose }: { subscription: Subscription; onClose(): void }) {
  const id = useId();
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const cardName = useCardName();
  const chargeProblem = useChargeProblem();
  const { formatDate } = useDates();
  const cards = useBillingStore((s) => s.paymentMethods) ?? [];
  // The plan it is moving from: the title stays while the subscription changes under it.
  const [fromPlan] = useState(subscription.planName);
  const [offer, setOffer] = useState<UpgradeOptions | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [step, setStep] = useState<Step>('plan');
  const [plan, setPlan] = useState<PlanId | null>(null);
  const [cardId, setCardId] = useState<string | null>(renewalCard(subscription, cards)?.id ?? null);
  const [added, setAdded] = useState<PaymentMethod | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{ subscription: Subscription; invoice: Invoice } | null>(null);

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    void upgradeOptions(api, subscription.id).then((answer) => {
      if (!current) return;
      if (answer.ok) {
        setOffer(answer.value);
        setPlan((chosen) => chosen ?? answer.value.options[0]?.plan ?? null);
      } else setLoadError(answer.error);
    });
    return () => {
      current = false;
    };
  }, [api, subscription.id, attempt]);
  const load = () => {
    setLoadError(null);
    setAttempt((n) => n + 1);
  };

  const option = offer?.options.find((o) => o.plan === plan);
  const card = cards.find((c) => c.id === cardId) ?? (added?.id === cardId ? added : undefined);
  const price = option ? money(option.amount, option.currency) : '';

  const pay = async () => {
    if (!option || !card) return;
    setPending(true);
    setProblem(null);
    const answer = await upgradeSubscription(api, {
      subscriptionId: subscription.id,
      plan: option.plan,
      paymentMethodId: card.id,
      expectedAmount: option.amount,
    });
    setPending(false);
    if (answer.ok) {
      setResult(answer.value);
      setStep('receipt');
      return;
    }
    const changed = errorDetails(answer.error, 'UPGRADE_PRICE_CHANGED');
    if (changed && offer) {
      // A day passed since the price was shown: show the new one and ask again.
      setOffer({
        ...offer,
        options: offer.options.map((o) => (o.plan === option.plan ? { ...o, amount: changed.amount, currency: changed.currency } : o)),
      });
      setProblem(t('billing.upgrade.priceChanged', { price: money(changed.amount, changed.currency) }));
      return;
    }
    setProblem(chargeProblem(answer.error, card));
  };

  const submitPlan = (event: FormEvent) => {
    event.preventDefault();
    if (option) setStep('card');
  };

  return (
    <Dialog title={t('billing.upgrade.title', { plan: fromPlan })} onClose={() => !pending && onClose()}>
      {step === 'plan' &&
        (!offer ? (
          <LoadFallback error={loadError} loading={t('billing.upgrade.loading')} onRetry={load} />
        ) : offer.options.length === 0 ? (
          <>
            <p>
              <T id="billing.upgrade.none" values={{ plan: fromPlan }} />
            </p>
            <div className="button-row dialog-actions">
              <button type="button" className="button button-primary" onClick={onClose}>
                <T id="common.close" />
              </button>
            </div>
          </>
        ) : (
          <form className="form" onSubmit={submitPlan} noValidate>
            <p>
              <T id="billing.upgrade.lead" values={{ date: formatDate(offer.expiresAt), days: offer.daysLeft }} />
            </p>
            <fieldset className="choice-group">
              <legend>
                <T id="billing.upgrade.legend" />
              </legend>
              {offer.options.map((o) => {
                const inputId = `${id}-plan-${o.plan}`;
                return (
                  <div key={o.plan} className="field-check">
                    <input
                      type="radio"
                      id={inputId}
                      name={`${id}-plan`}
                      checked={plan === o.plan}
                      onChange={() => setPlan(o.plan)}
                    />
                    <label htmlFor={inputId}>
                      {t('billing.upgrade.option', { plan: o.planName, seats: o.seats, price: money(o.amount, o.currency) })}
                    </label>
                  </div>
                );
              })}
            </fieldset>
            <div className="button-row">
              <button type="submit" className="button button-primary" aria-disabled={!option || undefined}>
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
          onBack={() => setStep('plan')}
        />
      )}
      {step === 'confirm' && option && card && offer && (
        <ConfirmStep
          lead={t('billing.upgrade.confirmLead', {
            price,
            card: cardName(card),
            plan: option.planName,
            seats: option.seats,
            date: formatDate(offer.expiresAt),
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
          title={t('billing.upgrade.doneTitle', { plan: result.subscription.planName })}
          lead={t('billing.upgrade.doneLead', { seats: result.subscription.seats, date: formatDate(result.subscription.expiresAt) })}
          invoice={result.invoice}
          onDone={onClose}
        />
      )}
    </Dialog>
  );
}
