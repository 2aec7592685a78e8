import { describe, expect, it } from 'vitest';
import { checkServiceUrl } from '../../../electron/services/security/service-url';

describe('the account service address', () => {
  it.each([
    'http://127.0.0.1:4600',
    'http://localhost:4600',
    'http://[::1]:4600',
    'https://palisade.example',
    'https://anything',
  ])('accepts %s', (url) => {
    expect(checkServiceUrl(url)).toBe(url);
  });

  it.each(['http://palisade.example', 'http://10.0.0.5:4600', 'http://127.0.0.1.evil.example', 'ftp://127.0.0.1'])(
    'refuses %s, saying to use https',
    (url) => {
      expect(() => checkServiceUrl(url)).toThrow(/not https\. Use its https:\/\/ address/);
    },
  );
});
