// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { errorCodes, type ErrorCode } from '../../../shared/errors';
import { describeError, describeWait, errorSentences } from '../../../renderer/src/errors/messages';
import { fieldErrors } from '../../../renderer/src/errors/field-errors';

const error = (code: ErrorCode) => ({ code, message: 'internal detail for logs' });

describe('describeError', () => {
  it.each(errorCodes)('turns %s into a sentence a person can act on', (code) => {
    const sentence = describeError(error(code));
    expect(sentence).toBe(errorSentences[code]);
    expect(sentence.length).toBeGreaterThan(20);
    expect(sentence).toMatch(/^[A-Z].*\.$/);
    // Never the code itself, nor the developer message.
    expect(sentence).not.toContain(code);
    expect(sentence).not.toContain('internal detail');
  });

  it('has a sentence for exactly the known codes', () => {
    expect(Object.keys(errorSentences).sort()).toEqual([...errorCodes].sort());
  });

  it('says how long to wait when the error knows', () => {
    expect(describeError({ ...error('RATE_LIMITED'), retryAfterSeconds: 30 })).toBe(
      'There have been too many attempts in a short time. Try again in 30 seconds.',
    );
    expect(describeWait(61)).toBe('2 minutes');
    expect(describeWait(60)).toBe('1 minute');
  });
});

describe('fieldErrors', () => {
  it('reads a record of messages or message lists', () => {
    const details = { fields: { email: ['Enter an e-mail address like name@example.com.'], name: 'Enter your name.', bad: 3 } };
    expect(fieldErrors({ ...error('VALIDATION_FAILED'), details })).toEqual({
      email: 'Enter an e-mail address like name@example.com.',
      name: 'Enter your name.',
    });
  });

  it('reads a list of issues with paths, keeping the first per field', () => {
    const details = {
      fields: [
        { path: ['password'], message: 'Too long.' },
        { path: ['password'], message: 'Second message.' },
        { field: 'email', message: 'Taken.' },
      ],
    };
    expect(fieldErrors({ ...error('IPC_INVALID_INPUT'), details })).toEqual({ password: 'Too long.', email: 'Taken.' });
  });

  it('gives nothing for errors without field details', () => {
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors({ ...error('VALIDATION_FAILED'), details: { fields: 'nonsense' } })).toEqual({});
  });
});
