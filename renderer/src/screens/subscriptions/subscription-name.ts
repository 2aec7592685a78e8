import type { Subscription } from '../../../../shared/api/subscriptions';
import { useT } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';

/**
 * A subscription named so two of one plan can be told apart: the plan, the last group of
 * the key it came from, and since when ("Palisade Family (key …7QX2M, since 2 December 2026)").
 */
export function useSubscriptionName(): (s: Subscription) => string {
  const t = useT();
  const { formatDate } = useDates();
  return (s) => {
    const start = formatDate(s.startsAt);
    return s.keyLastGroup
      ? t('subscriptions.name.withKey', { plan: s.planName, group: s.keyLastGroup, start })
      : t('subscriptions.name.plain', { plan: s.planName, start });
  };
}
