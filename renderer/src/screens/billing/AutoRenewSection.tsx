import { useId, useState } from 'react';
import type { PaymentMethod } from '../../../../shared/api/billing';
import type { Subscription } from '../../../../shared/api/subscriptions';
import { setAutoRenew } from '../../actions/billing-actions';
import { reloadSubscriptions } from '../../actions/subscriptions-actions';
import { useApi } from '../../api/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormNotice } from '../../components/FormAlert';
import { LoadFallback } from '../../components/LoadFallback';
import { T, useT } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';
import { useBillingStore } from '../../stores/billing-store';
import { useProtectionStore } from '../../stores/protection-store';
import { useSubscriptionName } from '../subscriptions/subscription-name';
import { useCardName } from './card-words';
import { RenewalLine } from './RenewalLine';

/** The card a subscription would renew with: its own, else the default. */
export function renewalCard(s: Subscription, cards: readonly PaymentMethod[]): PaymentMethod | undefined {
  return cards.find((c) => c.id === s.paymentMethodId) ?? cards.find((c) => c.isDefault) ?? cards[0];
}

/** Automatic renewal, per subscription, each change confirmed in plain words first. */
export function AutoRenewSection() {
  const id = useId();
  const api = useApi();
  const t = useT();
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const error = useProtectionStore((s) => s.errors.subscriptions);
  const cards = useBillingStore((s) => s.paymentMethods);
  const nameOf = useSubscriptionName();
  const cardName = useCardName();
  const { formatDate } = useDates();
  const [asking, setAsking] = useState<{ subscription: Subscription; on: boolean } | null>(null);
  const [notice, setNotice] = useState('');

  const live = subscriptions?.filter((s) => s.status !== 'expired') ?? null;

  return (
    <section className="page-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <T id="billing.autoRenew.heading" />
      </h2>
      <p>
        <T id="billing.autoRenew.lead" />
      </p>
      {!live ? (
        <LoadFallback
          error={error}
          loading={t('subscriptions.loading')}
          failed={t('subscriptions.loadFailed')}
          onRetry={() => void reloadSubscriptions(api)}
        />
      ) : live.length === 0 ? (
        <p>
          <T id="billing.autoRenew.none" />
        </p>
      ) : (
        <ul className="auto-renew-list">
          {live.map((s) => {
            const inputId = `${id}-${s.id}`;
            const noCard = !s.autoRenew && (cards?.length ?? 0) === 0;
            return (
              <li key={s.id} className="field-check auto-renew-item">
                <input
                  type="checkbox"
                  role="switch"
                  id={inputId}
                  checked={s.autoRenew}
                  aria-describedby={`${inputId}-state`}
                  disabled={noCard}
                  onChange={() => setAsking({ subscription: s, on: !s.autoRenew })}
                />
                <label htmlFor={inputId}>{t('billing.autoRenew.toggle', { subscription: nameOf(s) })}</label>
                <div id={`${inputId}-state`} className="field-hint auto-renew-state">
                  <RenewalLine subscription={s} />
                  {noCard && (
                    <p>
                      <T id="billing.autoRenew.needsCard" />
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div className="notice-region" aria-live="polite">
        {notice && <FormNotice>{notice}</FormNotice>}
      </div>
      {asking && !asking.on && (
        <ConfirmDialog
          title={t('billing.autoRenew.offTitle', { plan: asking.subscription.planName })}
          confirmLabel={t('billing.autoRenew.offConfirm')}
          cancelLabel={t('billing.autoRenew.keepOn')}
          onCancel={() => setAsking(null)}
          onConfirm={async () => {
            const s = asking.subscription;
            const result = await setAutoRenew(api, { subscriptionId: s.id, autoRenew: false });
            if (!result.ok) return result.error;
            setAsking(null);
            setNotice(t('billing.autoRenew.offDone', { plan: s.planName, date: formatDate(s.expiresAt) }));
            return null;
          }}
        >
          <p>
            <T
              id="billing.autoRenew.offBody"
              values={{ plan: asking.subscription.planName, date: formatDate(asking.subscription.expiresAt) }}
            />
          </p>
        </ConfirmDialog>
      )}
      {asking?.on && (
        <TurnOnDialog
          subscription={asking.subscription}
          card={renewalCard(asking.subscription, cards ?? [])}
          cardName={cardName}
          onClose={() => setAsking(null)}
          onDone={(s) => {
            setAsking(null);
            setNotice(t('billing.autoRenew.onDone', { plan: s.planName }));
          }}
        />
      )}
    </section>
  );
}

function TurnOnDialog({
  subscription: s,
  card,
  cardName,
  onClose,
  onDone,
}: {
  subscription: Subscription;
  card: PaymentMethod | undefined;
  cardName(card: PaymentMethod): string;
  onClose(): void;
  onDone(s: Subscription): void;
}) {
  const api = useApi();
  const t = useT();
  const { formatDate } = useDates();
  return (
    <ConfirmDialog
      title={t('billing.autoRenew.onTitle', { plan: s.planName })}
      confirmLabel={t('billing.autoRenew.onConfirm')}
      onCancel={onClose}
      onConfirm={async () => {
        const result = await setAutoRenew(api, {
          subscriptionId: s.id,
          autoRenew: true,
          ...(card && { paymentMethodId: card.id }),
        });
        if (!result.ok) return result.error;
        onDone(result.value);
        return null;
      }}
    >
      <p>
        {card ? (
          <T
            id="billing.autoRenew.onBody"
            values={{ date: formatDate(s.expiresAt), card: cardName(card), years: s.termYears }}
          />
        ) : (
          <T id="billing.autoRenew.needsCard" />
        )}
      </p>
    </ConfirmDialog>
  );
}
