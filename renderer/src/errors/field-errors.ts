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
