import { useId, useLayoutEffect, useRef, type ClipboardEvent } from 'react';
import '../../styles/subscriptions.css';
import { useT } from '../../i18n/use-t';
import { findPastedKey, keyProblem, reformatKeyInput } from './product-key-entry';
import { productKeySentence } from './product-key-sentences';

export interface ProductKeyFieldProps {
  value: string;
  onChange(value: string): void;
  /** A problem found on submit (e.g. the key is incomplete), shown under the field. */
  error?: string | null;
  alertId?: string | undefined;
}

/**
 * One field for the whole key: takes a pasted key whole, formats it into groups of five
 * as the person types, and says as soon as all 20 symbols are in whether the check symbol
 * fits — and which group to look at when it does not.
 */
export function ProductKeyField({ value, onChange, error, alertId }: ProductKeyFieldProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const caret = useRef<number | null>(null);
  const t = useT();
  const problem = keyProblem(value);
  const sentence = problem && productKeySentence(problem);
  const message = (sentence && t(sentence.id, sentence.values)) ?? error ?? null;
  const hintId = `${id}-hint`;
  const messageId = `${id}-message`;

  // After React writes the formatted value, put the caret back where the person was.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (input && caret.current !== null && document.activeElement === input) {
      input.setSelectionRange(caret.current, caret.current);
    }
    caret.current = null;
  }, [value]);

  const change = (raw: string, at: number | null) => {
    const next = reformatKeyInput(raw, at);
    caret.current = next.caret;
    onChange(next.value);
  };

  const paste = (event: ClipboardEvent<HTMLInputElement>) => {
    const key = findPastedKey(event.clipboardData.getData('text'));
    const input = event.currentTarget;
    // A whole key replaces the field when it was empty or fully selected; otherwise paste as typed.
    const replacesAll = input.value === '' || (input.selectionStart === 0 && input.selectionEnd === input.value.length);
    if (!key || !replacesAll) return;
    event.preventDefault();
    change(key, null);
  };

  return (
    <div className="field product-key-field">
      <label htmlFor={id}>{t('subscriptions.productKey.label')}</label>
      <p id={hintId} className="field-hint">
        {t('subscriptions.productKey.hint')}
      </p>
      <input
        ref={inputRef}
        id={id}
        type="text"
        className="product-key-input"
        value={value}
        onChange={(e) => change(e.target.value, e.target.selectionStart)}
        onPaste={paste}
        placeholder={t('subscriptions.productKey.placeholder')}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        inputMode="text"
        aria-invalid={message || alertId ? true : undefined}
        aria-describedby={[hintId, messageId, alertId].filter(Boolean).join(' ')}
      />
      {/* Always present so the live region is registered before the first message. */}
      <p id={messageId} className="field-error" aria-live="polite">
        {message ?? ''}
      </p>
    </div>
  );
}
