import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import '../../styles/subscriptions.css';
import '../../styles/page-parts.css';
import { Link } from 'react-router';
import type { Subscription } from '../../../../shared/api/subscriptions';
import { activateProductKey } from '../../actions/subscriptions-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { useAction } from '../../app/use-action';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { PageHeading } from '../../components/PageHeading';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';
import { useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { RegisterPanel, type Registered } from '../this-computer/RegisterPanel';
import { useRegisteredNotice } from '../this-computer/registered-notice';
import { isCompleteKey, keyProblem } from './product-key-entry';
import { problemOfError, productKeySentence } from './product-key-sentences';
import { ProductKeyField } from './ProductKeyField';

/** Activate a product: one key field, then the plan it added and a way to protect this computer. */
export function ActivateProductKeyScreen() {
  const api = useApi();
  const t = useT();
  const { formatDate } = useDates();
  const describeError = useDescribeError();
  const registeredNotice = useRegisteredNotice();
  useProtectionFeed(api, ['thisComputer', 'subscriptions']);
  const thisComputer = useProtectionStore((s) => s.thisComputer);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const alertId = useId();
  const [key, setKey] = useState('');
  const [keyError, setKeyError] = useState<string | null>(null);
  const [added, setAdded] = useState<Subscription | null>(null);
  const [protecting, setProtecting] = useState(false);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const { pending, error, setError, run } = useAction();
  const resultRef = useRef<HTMLHeadingElement>(null);

  // The form is gone once the key is in: take the reader to what happened.
  useEffect(() => {
    if (added) resultRef.current?.focus();
  }, [added]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isCompleteKey(key)) {
      setKeyError(t(key === '' ? 'subscriptions.productKey.missing' : 'subscriptions.productKey.incomplete'));
      return;
    }
    if (keyProblem(key)) return;
    setKeyError(null);
    const result = await run(() => activateProductKey(api, key));
    if (!result || result.ok) {
      if (result?.ok) setAdded(result.value);
      return;
    }
    // A key the main process found mistyped is said at the field, in the field's words.
    const problem = problemOfError(result.error);
    if (problem) {
      const sentence = productKeySentence(problem);
      setKeyError(t(sentence.id, sentence.values));
      setError(null);
    }
  };

  const unprotected =
    thisComputer &&
    (thisComputer.state === 'unregistered' || thisComputer.state === 'removed' || thisComputer.state === 'expired');

  return (
    <>
      <PageHeading title={t('subscriptions.activateKey')} />
      {added ? (
        <section aria-labelledby="added-heading" className="activation-result">
          <div role="status">
            <h2 id="added-heading" ref={resultRef} tabIndex={-1}>
              <T id="subscriptions.activate.added" values={{ plan: added.planName }} />
            </h2>
            <p>
              <T
                id="subscriptions.activate.addedSeats"
                values={{ seats: added.seats, date: formatDate(added.expiresAt) }}
              />
            </p>
          </div>
          {registered ? (
            <p role="status" className="form-notice">
              {registeredNotice(registered)}
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
                  <T id="thisComputer.protect" />
                </button>
              )}
              <Link className={`button ${unprotected ? 'button-secondary' : 'button-primary'}`} to={paths.dashboard}>
                <T id="subscriptions.activate.toDashboard" />
              </Link>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setAdded(null);
                  setKey('');
                }}
              >
                <T id="subscriptions.activate.another" />
              </button>
            </div>
          )}
        </section>
      ) : (
        <>
          <p className="lead">
            <T id="subscriptions.activate.lead" />
          </p>
          <form
            className="form narrow-form"
            onSubmit={(e) => void submit(e)}
            noValidate
            aria-label={t('subscriptions.activateKey')}
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
              <SubmitButton pending={pending}>
                <T id="subscriptions.activate.submit" />
              </SubmitButton>
            </div>
          </form>
        </>
      )}
    </>
  );
}
