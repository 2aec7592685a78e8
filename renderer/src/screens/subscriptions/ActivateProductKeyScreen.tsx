import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import '../../styles/subscriptions.css';
import '../../styles/page-parts.css';
import { Link } from 'react-router';
import type { KeyPreview, Subscription } from '../../../../shared/api/subscriptions';
import { activateProductKey, previewProductKey } from '../../actions/subscriptions-actions';
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
import { ExtendOrAddChoice, type KeyUse } from './ExtendOrAddChoice';

/**
 * Activate a product: one key field; for a key of a plan the account already has, the
 * choice to extend one of those subscriptions or add it separately; then what it added and
 * a way to protect this computer.
 */
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
  const [extended, setExtended] = useState(false);
  const [choice, setChoice] = useState<{ preview: KeyPreview; options: Subscription[] } | null>(null);
  const [protecting, setProtecting] = useState(false);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const { pending, error, setError, run } = useAction();
  const resultRef = useRef<HTMLHeadingElement>(null);

  // The form is gone once the key is in: take the reader to what happened.
  useEffect(() => {
    if (added) resultRef.current?.focus();
  }, [added]);

  /** A refusal that is about the key is said at the field, in the field's words. */
  const showKeyRefusal = (refusal: Parameters<typeof problemOfError>[0]): boolean => {
    const problem = problemOfError(refusal);
    if (!problem) return false;
    const sentence = productKeySentence(problem);
    setKeyError(t(sentence.id, sentence.values));
    setError(null);
    return true;
  };

  const spendKey = async (keyUse: KeyUse) => {
    const result = await run(() => activateProductKey(api, key, keyUse ?? undefined));
    if (!result) return;
    if (result.ok) {
      setChoice(null);
      setExtended(keyUse !== null);
      setAdded(result.value);
    } else if (showKeyRefusal(result.error)) {
      setChoice(null);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (key === '') {
      setKeyError(t('subscriptions.productKey.missing'));
      return;
    }
    if (keyProblem(key)) return;
    if (!isCompleteKey(key)) {
      setKeyError(t('subscriptions.productKey.incomplete'));
      return;
    }
    setKeyError(null);
    // Only an account that has subscriptions can extend one: ask what the key is for first.
    if (subscriptions && subscriptions.length > 0) {
      const preview = await run(() => previewProductKey(api, key));
      if (!preview) return;
      if (!preview.ok) {
        showKeyRefusal(preview.error);
        return;
      }
      const options = subscriptions.filter((s) => s.plan === preview.value.plan);
      if (options.length > 0) {
        setChoice({ preview: preview.value, options });
        return;
      }
    }
    await spendKey(null);
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
              <T
                id={extended ? 'subscriptions.activate.extended' : 'subscriptions.activate.added'}
                values={{ plan: added.planName }}
              />
            </h2>
            <p>
              {extended ? (
                <T id="subscriptions.activate.extendedUntil" values={{ date: formatDate(added.expiresAt) }} />
              ) : (
                <T
                  id="subscriptions.activate.addedSeats"
                  values={{ seats: added.seats, date: formatDate(added.expiresAt) }}
                />
              )}
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
                  setExtended(false);
                  setKey('');
                }}
              >
                <T id="subscriptions.activate.another" />
              </button>
            </div>
          )}
        </section>
      ) : choice ? (
        <ExtendOrAddChoice
          preview={choice.preview}
          options={choice.options}
          pending={pending}
          error={error}
          onConfirm={(keyUse) => void spendKey(keyUse)}
          onBack={() => {
            setChoice(null);
            setError(null);
          }}
        />
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
