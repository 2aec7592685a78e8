import { describe, expect, it } from 'vitest';
import { regionOfLanguages } from '../../../electron/services/support/support-contacts';

describe('the region the system languages suggest', () => {
  it('takes the first language that names a region, in either separator and case', () => {
    expect(regionOfLanguages(['de-AT', 'en-US'])).toBe('AT');
    expect(regionOfLanguages(['en_gb'])).toBe('GB');
    expect(regionOfLanguages(['zh-Hant-TW'])).toBe('TW');
    expect(regionOfLanguages(['de', 'fr-CH'])).toBe('CH');
  });

  it('suggests none when no language names a region (the international line, not a guessed country)', () => {
    expect(regionOfLanguages(['de'])).toBeNull();
    expect(regionOfLanguages([])).toBeNull();
    expect(regionOfLanguages(['es-419'])).toBeNull();
  });
});
