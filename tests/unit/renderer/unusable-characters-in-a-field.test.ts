// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { personNameSchema } from '../../../shared/api/identity';
import { validationDetails } from '../../../shared/validation-details';
import { fieldErrors } from '../../../renderer/src/errors/field-errors';
import { intlFor } from './support/intl';

describe('a field holding characters the text rule refuses', () => {
  it('is told in the user’s language that it holds characters that can’t be used', () => {
    const parsed = personNameSchema.safeParse('Alice\r\nURGENT: call +1-555-0100');
    if (parsed.success) throw new Error('the name was accepted');
    const error = {
      code: 'VALIDATION_FAILED' as const,
      message: 'for developers',
      details: validationDetails(parsed.error.issues),
    };
    const { body } = fieldErrors(intlFor('en'), error);
    expect(body).toBe(
      'This contains characters that can’t be used here, such as line breaks or invisible control characters. Remove them and try again.',
    );
    expect(fieldErrors(intlFor('de'), error).body).toMatch(
      /^Der Text enthält Zeichen, die hier nicht verwendet werden können/,
    );
  });

  it.each(['single_line_text', 'multi_line_text', 'secret_text'])('says the same for the format %s', (format) => {
    const error = {
      code: 'VALIDATION_FAILED' as const,
      message: 'for developers',
      details: { fields: { name: { code: 'invalid_format', format, message: 'x' } } },
    };
    expect(fieldErrors(intlFor('en'), error).name).toMatch(/^This contains characters that can’t be used here/);
  });
});
