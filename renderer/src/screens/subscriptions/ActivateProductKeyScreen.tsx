import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import '../../styles/protection.css';
import { Link } from 'react-router';
import type { Subscription } from '../../../../shared/api/subscriptions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { useAction } from '../../app/use-action';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../errors/messages';
import { formatDate, plural } from '../../lib/dates';
import { refreshProtection, useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { isCompleteKey, keyProblem } from './product-key-entry';
import { ProductKeyField } from './ProductKeyField';
import { RegisterPanel, type Registered } from '../this-computer/RegisterPanel';

/** Activate a product: one key field, then the plan it added and a way to protect this computer. */
export function ActivateProductKeyScreen() {
  const api = useApi();
  useProtectionFeed(api, ['thisComputer', 'subscriptions']);
  const thisComputer = useProtectionStore((s) => s.thisComputer);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const alertId = useId();
  const [key, setKey] = useState('');
  const [keyError, setKeyError] = useState<string | null>(null);
  const [added, setAdded] = useState<Subscription | null>(null);
  const [protecting, setProtecting] = useState(false);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const { pending, error, run } = useAction();
  const resultRef = useRef<HTMLHeadingElement>(null);

  // The form is gone once the key is in: take the reader to what happened.
  useEffect(() => {
    if (added) resultRef.current?.focus();
  }, [added]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isCompleteKey(key)) {
      setKeyError(
        key === '' ? 'Enter your product key.' : 'A product key has 20 letters and numbers; some are missing.',
      );
      return;
    }
    if (keyProblem(key)) return;
    setKeyError(null);
    const result = await run(() => api.subscriptions.activate({ productKey: key }));
    if (result?.ok) {
      setAdded(result.value);
      void refreshProtection(api, ['subscriptions']);
    }
  };

  const unprotected =
    thisComputer &&
    (thisComputer.state === 'unregistered' || thisComputer.state === 'removed' || thisComputer.state === 'expired');

  return (
    <>
      <PageHeading title="Activate a product key" />
      {added ? (
        <section aria-labelledby="added-heading" className="activation-result">
          <div role="status">
            <h2 id="added-heading" ref={resultRef} tabIndex={-1}>
              {added.planName} is now on your account
            </h2>
            <p>
              It protects up to {plural(added.seats, 'device')} until {formatDate(added.expiresAt)}.
            </p>
          </div>
          {registered ? (
            <p role="status" className="form-notice">
              {registered.movedFrom
                ? `Protection moved from ${registered.movedFrom.name} to this computer.`
                : `This computer is now protected${registered.state.protectedUntil ? ` until ${formatDate(registered.state.protectedUntil)}` : ''}.`}
            </p>
          ) : unprotected && thisComputer && protecting ? (
            <RegisterPanel
              thisComputer={thisComputer}
              subscriptions={subscriptions ?? [added]}
              subscriptionId={added.id}
              onRegistered={setRegistered}
              focusOnMount
            />
          ) : (
            <div className="button-row">
              {unprotected && (
                <button type="button" className="button button-primary" onClick={() => setProtecting(true)}>
                  Protect this computer
                </button>
              )}
              <Link className={`button ${unprotected ? 'button-secondary' : 'button-primary'}`} to={paths.dashboard}>
                Go to the dashboard
              </Link>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setAdded(null);
                  setKey('');
                }}
              >
                Activate another key
              </button>
            </div>
          )}
        </section>
      ) : (
        <>
          <p className="lead">Enter the product key from your receipt or card to add its plan to your account.</p>
          <form
            className="form narrow-form"
            onSubmit={(e) => void submit(e)}
            noValidate
            aria-label="Activate a product key"
          >
            <ProductKeyField
              value={key}
              onChange={(value) => {
                setKey(value);
                setKeyError(null);
              }}
              error={keyError}
              alertId={error ? alertId : undefined}
            />
            {error && (
              <FormAlert id={alertId}>
                <p>{describeError(error)}</p>
              </FormAlert>
            )}
            <div className="button-row">
              <SubmitButton pending={pending}>Activate</SubmitButton>
            </div>
          </form>
        </>
      )}
    </>
  );
}
