import type { Subscription } from '../../../../shared/api/subscriptions';
import { T } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';
import { LongDate } from '../subscriptions/LongDate';
import { useCardName } from './card-words';
import { useMoney } from './money';
import { renewalState } from './renewal-state';

/** The subscription's renewal state in one plain sentence, and the coming charge when there is one. */
export function RenewalLine({ subscription }: { subscription: Subscription }) {
  const state = renewalState(subscription);
  const cardName = useCardName();
  const money = useMoney();
  const { formatDate } = useDates();
  const date = <LongDate iso={state.date} />;
  switch (state.kind) {
    case 'ended':
      return (
        <p className="renewal-state">
          <T id="billing.renewal.ended" values={{ date }} />
        </p>
      );
    case 'ends':
      return (
        <p className="renewal-state">
          <T id="billing.renewal.ends" values={{ date }} />
        </p>
      );
    case 'renews':
      return (
        <p className="renewal-state">
          <T id="billing.renewal.renews" values={{ date }} />
        </p>
      );
    case 'noCard':
      return (
        <p className="renewal-state subscription-warning">
          <T id="billing.renewal.noCard" values={{ date }} />
        </p>
      );
    case 'declined':
      return (
        <p className="renewal-state subscription-warning">
          <T id="billing.renewal.declined" values={{ date, card: cardName(state.card), when: formatDate(state.when) }} />
        </p>
      );
    case 'renewsWith':
      return (
        <>
          <p className="renewal-state">
            <T id="billing.renewal.renewsWith" values={{ date, card: cardName(state.card) }} />
          </p>
          <p className="renewal-charge">
            <T
              id="billing.renewal.charge"
              values={{ amount: money(state.charge.amount, state.charge.currency), date: formatDate(state.charge.at) }}
            />
          </p>
        </>
      );
  }
}
