import { useEffect, useRef, useState, type RefObject } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { AppError } from '../../../shared/errors';
import { isTextFormat } from '../../../shared/text';
import { fieldProblemSchema, type FieldProblem } from '../../../shared/validation-details';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Per-field sentences from a validation error's `details.fields`, so they can sit next to
 * their fields. Each problem becomes a catalogue sentence from its code and bounds; the
 * validator's own `message` is English for developers and never shown. A field reported in
 * an older shape (a bare message) gets the generic sentence.
 */
export function fieldErrors(intl: IntlShape, error: AppError | null): FieldErrors {
  const fields = error?.details?.fields;
  const out: FieldErrors = {};
  if (!isRecord(fields)) return out;
  for (const [path, reported] of Object.entries(fields)) {
    if (reported === undefined || reported === null) continue;
    const problem = fieldProblemSchema.safeParse(reported);
    out[path] ??= problem.success
      ? describeFieldProblem(intl, problem.data)
      : intl.formatMessage({ id: 'errors.field.invalid' });
  }
  return out;
}

/** `fieldErrors` in the language the app speaks now. */
export function useFieldErrors(error: AppError | null): FieldErrors {
  return fieldErrors(useIntl(), error);
}

/**
 * One field's problem as a sentence: "Use at most 100 characters.", "Enter a valid e-mail
 * address.", or, for the text rule (shared/text.ts), that it holds characters that cannot be used.
 */
export function describeFieldProblem(intl: IntlShape, problem: FieldProblem): string {
  const { code, minimum, maximum, format } = problem;
  if (code === 'invalid_type') return intl.formatMessage({ id: 'errors.field.required' });
  if (code === 'too_small' && minimum !== undefined) {
    return minimum <= 1
      ? intl.formatMessage({ id: 'errors.field.required' })
      : intl.formatMessage({ id: 'errors.field.tooShort' }, { minimum });
  }
  if (code === 'too_big' && maximum !== undefined)
    return intl.formatMessage({ id: 'errors.field.tooLong' }, { maximum });
  if (code === 'invalid_format') {
    if (isTextFormat(format)) return intl.formatMessage({ id: 'errors.field.characters' });
    return intl.formatMessage({ id: format === 'email' ? 'errors.field.email' : 'errors.field.format' });
  }
  if (code === 'invalid_value') return intl.formatMessage({ id: 'errors.field.choice' });
  return intl.formatMessage({ id: 'errors.field.invalid' });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface FieldErrorWhileUnchanged<E extends HTMLElement> {
  /** The error to show under the field: none once the person has changed it since. */
  shown: string | undefined;
  /** Call on every change of the field's value. */
  changed(): void;
  /** Put on the field's wrapper: a submit of its form asks for the error again. */
  ref: RefObject<E | null>;
}

/**
 * An error under a field is about the value it was given for: once the person changes the
 * field it no longer applies, so it goes (and the field stops saying it is invalid). It
 * comes back only when the screen gives a different error, or gives it again after the
 * form is submitted. Every field component uses this, so no screen has to clear its own.
 */
export function useFieldErrorWhileUnchanged<E extends HTMLElement>(error: string | undefined): FieldErrorWhileUnchanged<E> {
  const [changedAway, setChangedAway] = useState<string | undefined>(undefined);
  const ref = useRef<E | null>(null);
  // A screen that clears its error forgets the change too (adjusting state to a prop, during render).
  if (error === undefined && changedAway !== undefined) setChangedAway(undefined);
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return undefined;
    // A native listener on the form runs before the screen's submit handler (React listens at the root).
    const submitted = () => setChangedAway(undefined);
    form.addEventListener('submit', submitted);
    return () => form.removeEventListener('submit', submitted);
  }, []);
  return {
    shown: error !== undefined && error !== '' && error !== changedAway ? error : undefined,
    changed: () => {
      if (error) setChangedAway(error);
    },
    ref,
  };
}
