import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { billingCountries, type BillingCountry, type PaymentMethod } from '../../../../shared/api/billing';
import {
  cardNumberProblem,
  cvcLength,
  cvcProblem,
  detectCardBrand,
  expiryProblem,
  formatCardNumber,
  parseExpiry,
} from '../../../../shared/card-entry';
import { errorDetails } from '../../../../shared/errors';
import { addPaymentMethod } from '../../actions/billing-actions';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useDescribeError } from '../../errors/messages';
import { useFieldErrors } from '../../errors/field-errors';
import { T, useT } from '../../i18n/use-t';

type Field = 'number' | 'expiry' | 'cvc' | 'holder' | 'country';
type Problems = { [F in Field]?: string | undefined };

/** The country the person's languages name (en-GB → GB), when it is one a card can be billed in. */
function likelyCountry(): BillingCountry | '' {
  const languages = typeof navigator === 'undefined' ? [] : navigator.languages;
  for (const tag of languages) {
    const region = (() => {
      try {
        return new Intl.Locale(tag).maximize().region;
      } catch {
        return undefined;
      }
    })();
    if (region && (billingCountries as readonly string[]).includes(region)) return region as BillingCountry;
  }
  return '';
}

/**
 * A new card: the brand shown as soon as the first digits name it, and the number (Luhn),
 * expiry and CVC checked before anything is sent. The number and CVC go to the main
 * process once, in the submit, and are dropped from the form's state as soon as it succeeds.
 */
export function AddCardForm({ onAdded, onCancel }: { onAdded(card: PaymentMethod): void; onCancel?: () => void }) {
  const id = useId();
  const t = useT();
  const intl = useIntl();
  const api = useApi();
  const describeError = useDescribeError();
  const { pending, error, run } = useAction();
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [cvc, setCvc] = useState('');
  const [holder, setHolder] = useState('');
  const [country, setCountry] = useState<BillingCountry | ''>(likelyCountry);
  const [problems, setProblems] = useState<Problems>({});
  const numberRef = useRef<HTMLInputElement>(null);
  const expiryRef = useRef<HTMLInputElement>(null);
  const cvcRef = useRef<HTMLInputElement>(null);
  const holderRef = useRef<HTMLInputElement>(null);
  const countryRef = useRef<HTMLSelectElement>(null);
  const brand = detectCardBrand(number);
  const serviceFields = useFieldErrors(error);
  const alertId = `${id}-alert`;

  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([intl.locale], { type: 'region' });
    const collator = new Intl.Collator(intl.locale);
    return billingCountries
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [intl.locale]);

  const check = (): Problems => {
    const found: Problems = {};
    const numberIssue = cardNumberProblem(number);
    if (numberIssue) found.number = t(`billing.add.number.${numberIssue}`);
    const expiryIssue = expiryProblem(expiry, new Date());
    if (expiryIssue) found.expiry = t(`billing.add.expiry.${expiryIssue}`);
    const cvcIssue = cvcProblem(cvc, brand);
    if (cvcIssue) found.cvc = t(`billing.add.cvc.${cvcIssue}`, { length: cvcLength(brand) });
    if (holder.trim() === '') found.holder = t('billing.add.holder.missing');
    if (country === '') found.country = t('billing.add.country.missing');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const found = check();
    setProblems(found);
    const order: [Field, { current: HTMLElement | null }][] = [
      ['number', numberRef],
      ['expiry', expiryRef],
      ['cvc', cvcRef],
      ['holder', holderRef],
      ['country', countryRef],
    ];
    const first = order.find(([field]) => found[field]);
    if (first) {
      first[1].current?.focus();
      return;
    }
    const parsed = parseExpiry(expiry)!;
    const result = await run(() =>
      addPaymentMethod(api, {
        cardNumber: number,
        expMonth: parsed.month,
        expYear: parsed.year,
        cvc: cvc.trim(),
        holder: holder.trim(),
        country: country as BillingCountry,
      }),
    );
    if (result?.ok) {
      setNumber('');
      setCvc('');
      onAdded(result.value);
    }
  };

  const fieldError = (field: Field, ...servicePaths: string[]): string | undefined =>
    problems[field] ?? servicePaths.map((path) => serviceFields[path]).find(Boolean);
  const declined = errorDetails(error, 'PAYMENT_DECLINED');
  const isAmex = brand === 'amex';

  return (
    <form className="form narrow-form card-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? alertId : undefined}>
      <TextField
        label={t('billing.add.number')}
        hint={t('billing.add.numberHint')}
        inputRef={numberRef}
        value={number}
        onChange={(e) => {
          setNumber(formatCardNumber(e.target.value));
          setProblems((p) => ({ ...p, number: undefined }));
        }}
        inputMode="numeric"
        autoComplete="cc-number"
        maxLength={23}
        error={fieldError('number', 'cardNumber', '(input).cardNumber')}
      />
      {/* Announced politely as the first digits name the brand. */}
      <p className="card-brand" role="status">
        {brand ? t('billing.add.brand', { brand: t(`billing.brand.${brand}`) }) : ''}
      </p>
      <div className="card-form-row">
        <TextField
          label={t('billing.add.expiry')}
          inputRef={expiryRef}
          value={expiry}
          onChange={(e) => {
            setExpiry(e.target.value);
            setProblems((p) => ({ ...p, expiry: undefined }));
          }}
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder="MM/YY"
          maxLength={7}
          error={fieldError('expiry', 'expMonth', 'expYear')}
        />
        <TextField
          label={t('billing.add.cvc')}
          hint={t('billing.add.cvcHint', { length: cvcLength(brand), side: isAmex ? 'front' : 'back' })}
          inputRef={cvcRef}
          value={cvc}
          onChange={(e) => {
            setCvc(e.target.value.replace(/\D/g, '').slice(0, 4));
            setProblems((p) => ({ ...p, cvc: undefined }));
          }}
          inputMode="numeric"
          autoComplete="cc-csc"
          maxLength={4}
          error={fieldError('cvc', 'cvc')}
        />
      </div>
      <TextField
        label={t('billing.add.holder')}
        inputRef={holderRef}
        value={holder}
        onChange={(e) => {
          setHolder(e.target.value);
          setProblems((p) => ({ ...p, holder: undefined }));
        }}
        autoComplete="cc-name"
        maxLength={100}
        error={fieldError('holder', 'holder')}
      />
      <CountryField
        label={t('billing.add.country')}
        choose={t('billing.add.countryChoose')}
        selectRef={countryRef}
        value={country}
        countries={countries}
        onChange={(value) => {
          setCountry(value);
          setProblems((p) => ({ ...p, country: undefined }));
        }}
        error={fieldError('country', 'country')}
      />
      {error && !Object.values(serviceFields).some(Boolean) && (
        <FormAlert id={alertId}>
          <p>{declined ? t('billing.declined.added') : describeError(error)}</p>
        </FormAlert>
      )}
      <div className="button-row">
        <SubmitButton pending={pending} busyLabel={t('billing.add.busy')}>
          <T id="billing.add.submit" />
        </SubmitButton>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            <T id="common.cancel" />
          </button>
        )}
      </div>
    </form>
  );
}

function CountryField({
  label,
  choose,
  value,
  countries,
  onChange,
  error,
  selectRef,
}: {
  label: string;
  choose: string;
  value: BillingCountry | '';
  countries: { code: BillingCountry; name: string }[];
  onChange(value: BillingCountry | ''): void;
  error: string | undefined;
  selectRef: React.RefObject<HTMLSelectElement | null>;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        ref={selectRef}
        value={value}
        onChange={(e) => onChange(e.target.value as BillingCountry | '')}
        autoComplete="country"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{choose}</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
