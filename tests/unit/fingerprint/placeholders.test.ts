import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../../../electron/services/fingerprint';

describe('isPlaceholder', () => {
  it.each([
    '',
    '   ',
    'Default string',
    'DEFAULT STRING',
    'To be filled by O.E.M.',
    'to be filled by oem',
    'System Serial Number',
    'None',
    'N/A',
    'n/a',
    '0',
    '-',
    'Not Specified',
    'Unknown',
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    'ffffffffffff',
    '0000000000',
    '03000200-0400-0500-0006-000700080009',
    '123456789',
    'xxxxxxxx',
    '12121212',
  ])('drops %j', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it('drops missing values', () => {
    expect(isPlaceholder(undefined)).toBe(true);
    expect(isPlaceholder(null)).toBe(true);
  });

  it.each([
    'S4EVNF0M912345K',
    '/7XB2Q13/CNWS200A3H01BL/',
    '4c4c4544-0042-3510-8052-b4c04f384d32',
    '02:fc:00:00:00:01',
    'C02XK0ZJJG5H',
  ])('keeps a real value %j', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});
