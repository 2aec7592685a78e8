// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { errorCodes, type AppError, type ErrorCode } from '../../../shared/errors';
import { validationDetails } from '../../../shared/validation-details';
import { z } from 'zod';
import { describeError, errorSentenceId, errorSentences } from '../../../renderer/src/errors/messages';
import { fieldErrors } from '../../../renderer/src/errors/field-errors';
import { catalogueFor } from '../../../renderer/src/i18n/catalogues';
import { intlFor } from './support/intl';

const error = (code: ErrorCode, extra: Partial<AppError> = {}): AppError => ({
  code,
  message: 'internal detail for logs',
  ...extra,
});
const en = intlFor('en');
const de = intlFor('de');

/** Codes the service worded itself, for this app did not know them. */
const inTheServicesWords: readonly ErrorCode[] = ['UNRECOGNISED'];

describe('describeError', () => {
  it.each(errorCodes.filter((code) => !inTheServicesWords.includes(code)))(
    'turns %s into a sentence a person can act on, in English and German',
    (code) => {
      for (const intl of [en, de]) {
        const sentence = describeError(intl, error(code));
        expect(sentence.length).toBeGreaterThan(20);
        expect(sentence).toMatch(/^[A-ZÄÖÜ].*\.$/);
        // Never the code itself, nor the developer message.
        expect(sentence).not.toContain(code);
        expect(sentence).not.toContain('internal detail');
      }
      expect(describeError(en, error(code))).toBe(errorSentences[code]);
      expect(describeError(de, error(code))).not.toBe(errorSentences[code]);
    },
  );

  it('has a sentence in every catalogue for every known code', () => {
    for (const language of ['en', 'de'] as const) {
      const catalogue = catalogueFor(language);
      for (const code of errorCodes) expect(catalogue[errorSentenceId(code)], `${language} ${code}`).toBeTruthy();
    }
  });

  it.each([
    [en, 1, 'Try again in 1 second.'],
    [en, 45, 'Try again in 45 seconds.'],
    [en, 60, 'Try again in 1 minute.'],
    [en, 61, 'Try again in 2 minutes.'],
    [en, 900, 'Try again in 15 minutes.'],
    [de, 1, 'Versuchen Sie es in 1 Sekunde erneut.'],
    [de, 45, 'Versuchen Sie es in 45 Sekunden erneut.'],
    [de, 60, 'Versuchen Sie es in 1 Minute erneut.'],
    [de, 900, 'Versuchen Sie es in 15 Minuten erneut.'],
  ])('says how long to wait, as a plural in its language (%#: %s s)', (intl, seconds, wait) => {
    const lead =
      intl === en ? 'There have been too many attempts in a short time.' : 'In kurzer Zeit gab es zu viele Versuche.';
    expect(describeError(intl, error('RATE_LIMITED', { retryAfterSeconds: seconds }))).toBe(`${lead} ${wait}`);
  });

  it('shows a code this app does not know in the service’s own words, or a catalogue sentence when it has none', () => {
    const unknown = (message: string) => error('UNRECOGNISED', { message, details: { serviceCode: 'PLAN_PAUSED' } });
    expect(describeError(de, unknown('Your plan is paused while we check a payment.'))).toBe(
      'Your plan is paused while we check a payment.',
    );
    expect(describeError(en, unknown(' '))).toBe(errorSentences.UNRECOGNISED);
    expect(describeError(de, unknown(''))).toMatch(/^Etwas ist schiefgegangen/);
  });

  it('reads the wait from details too, where the service puts it', () => {
    expect(describeError(en, error('RATE_LIMITED', { details: { retryAfterSeconds: 30 } }))).toContain(
      'Try again in 30 seconds.',
    );
  });
});

describe('fieldErrors', () => {
  const failed = (fields: unknown) => error('VALIDATION_FAILED', { details: { fields } });

  it('turns each field problem into a catalogue sentence, never the validator’s message', () => {
    const schema = z.object({
      name: z.string().max(100),
      email: z.email(),
      password: z.string().min(8),
      deviceName: z.string().min(1),
      plan: z.enum(['basic', 'family']),
      age: z.number(),
    });
    const parsed = schema.safeParse({
      name: 'x'.repeat(101),
      email: 'nope',
      password: 'short',
      deviceName: '',
      plan: 'gold',
    });
    expect(parsed.success).toBe(false);
    const details = validationDetails(parsed.error?.issues ?? []);
    expect(details.fields.name?.message).toMatch(/Too big/);

    const sentences = fieldErrors(en, failed(details.fields));
    expect(sentences).toEqual({
      name: 'Use at most 100 characters.',
      email: 'Enter a valid e-mail address.',
      password: 'Enter at least 8 characters.',
      deviceName: 'This is required.',
      plan: 'Choose one of the options offered.',
      age: 'This is required.',
    });
    for (const sentence of Object.values(sentences)) expect(sentence).not.toMatch(/Too big|Too small|Invalid|expected/);

    expect(fieldErrors(de, failed(details.fields))).toMatchObject({
      name: 'Verwenden Sie höchstens 100 Zeichen.',
      email: 'Geben Sie eine gültige E-Mail-Adresse ein.',
      password: 'Geben Sie mindestens 8 Zeichen ein.',
      deviceName: 'Dieses Feld ist erforderlich.',
    });
  });

  it('falls back to the generic sentence for fields reported in the old shape, never their text', () => {
    const fields = {
      email: ['Too big: expected string to have <=100 characters'],
      name: 'Too small: expected string to have >=1 characters',
    };
    expect(fieldErrors(en, failed(fields))).toEqual({
      email: 'Check this and try again.',
      name: 'Check this and try again.',
    });
    expect(fieldErrors(en, failed({ name: { code: 'custom', message: 'Something internal' } }))).toEqual({
      name: 'Check this and try again.',
    });
  });

  it('gives nothing for errors without field details', () => {
    expect(fieldErrors(en, null)).toEqual({});
    expect(fieldErrors(en, failed('nonsense'))).toEqual({});
    expect(fieldErrors(en, failed([{ path: ['email'], message: 'Taken.' }]))).toEqual({});
  });
});
