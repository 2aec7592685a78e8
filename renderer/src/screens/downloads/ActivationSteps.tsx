import { useId } from 'react';
import type { DevicePlatform } from '../../../../shared/api/devices';
import { useT } from '../../i18n/use-t';
import { usePlatformName } from '../devices/platform-names';
import { activationStepIds } from './activation-steps';

/** How to activate Palisade on a platform once it is installed, step by step. */
export function ActivationSteps({ platform }: { platform: DevicePlatform }) {
  const t = useT();
  const platformName = usePlatformName();
  const id = useId();
  return (
    <section className="activation-steps" aria-labelledby={id}>
      <h4 id={id}>{t('downloads.steps.heading', { platform: platformName(platform) })}</h4>
      <ol>
        {activationStepIds(platform).map((step) => (
          <li key={step}>{t(step)}</li>
        ))}
      </ol>
    </section>
  );
}
