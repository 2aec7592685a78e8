import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import '../../styles/page-parts.css';
import '../../styles/subscriptions.css';
import { addYears, extendedExpiry, type KeyPreview, type Subscription } from '../../../../shared/api/subscriptions';
import type { AppError } from '../../../../shared/errors';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';
import { useSubscriptionName } from './subscription-name';

/** `extendSubscriptionId`, or null to add the key as a subscription of its own. */
export type KeyUse = string | null;

/**
 * The subscription a key extends unless the person picks another: the one protecting
 * devices (extending it keeps them protected), then the one that ends last.
 */
export function defaultExtension(options: readonly Subscription[]): Subscription | undefined {
  return [...options].sort((a, b) => b.seatsUsed - a.seatsUsed || Date.parse(b.expiresAt) - Date.parse(a.expiresAt))[0];
}

/**
 * A key of a plan the account already has: extend one of those subscriptions (the default)
 * or add the key as a separate one. Each choice says the date it runs to.
 */
export function ExtendOrAddChoice({
  preview,
  options,
  pending,
  error,
  now = new Date(),
  onConfirm,
  onBack,
}: {
  preview: KeyPreview;
  options: readonly Subscription[];
  pending: boolean;
  error: AppError | null;
  now?: Date;
  onConfirm(use: KeyUse): void;
  onBack(): void;
}) {
  const id = useId();
  const t = useT();
  const { formatDate } = useDates();
  const describeError = useDescribeError();
  const nameOf = useSubscriptionName();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [chosen, setChosen] = useState<KeyUse>(defaultExtension(options)?.id ?? null);
  const alertId = `${id}-alert`;

  // The key field is gone: take the reader to the question.
  useEffect(() => headingRef.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onConfirm(chosen);
  };

  const option = (value: KeyUse, label: string, hint: string) => {
    const inputId = `${id}-${value ?? 'separate'}`;
    return (
      <div key={inputId} className="field-check">
        <input
          type="radio"
          id={inputId}
          name={`${id}-use`}
          checked={chosen === value}
          onChange={() => setChosen(value)}
          aria-describedby={`${inputId}-hint`}
        />
        <label htmlFor={inputId}>{label}</label>
        <p id={`${inputId}-hint`} className="field-hint">
          {hint}
        </p>
      </div>
    );
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        <T id="subscriptions.choice.title" values={{ plan: preview.planName }} />
      </h2>
      <p className="lead">
        <T id="subscriptions.choice.lead" values={{ years: preview.termYears, plan: preview.planName }} />
      </p>
      <form className="form narrow-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <fieldset className="choice-group extend-choice">
          <legend>
            <T id="subscriptions.choice.legend" />
          </legend>
          {options.map((s) =>
            option(
              s.id,
              t('subscriptions.choice.extend', {
                subscription: nameOf(s),
                date: formatDate(extendedExpiry(s.expiresAt, preview.termYears, now).toISOString()),
              }),
              t('subscriptions.choice.extendHint', { used: s.seatsUsed }),
            ),
          )}
          {option(
            null,
            t('subscriptions.choice.separate'),
            t('subscriptions.choice.separateHint', {
              date: formatDate(addYears(now, preview.termYears).toISOString()),
            }),
          )}
        </fieldset>
        {error && (
          <FormAlert id={alertId}>
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <div className="button-row">
          <SubmitButton pending={pending}>
            <T id="subscriptions.choice.confirm" />
          </SubmitButton>
          <button type="button" className="button button-secondary" onClick={onBack}>
            <T id="subscriptions.choice.back" />
          </button>
        </div>
      </form>
    </section>
  );
}
