import { describe, expect, it } from 'vitest';
import { formatDesktopMessage } from '../../../electron/services/i18n/desktop-i18n';
import { serviceUrlProblem } from '../../../electron/services/security/service-url';

describe('the account service address', () => {
  it.each([
    'http://127.0.0.1:4600',
    'http://localhost:4600',
    'http://[::1]:4600',
    'https://palisade.example',
    'https://anything',
  ])('accepts %s', (url) => {
    expect(serviceUrlProblem(url)).toBeNull();
  });

  it.each(['http://palisade.example', 'http://10.0.0.5:4600', 'http://127.0.0.1.evil.example', 'ftp://127.0.0.1'])(
    'refuses %s, saying to use https',
    (url) => {
      expect(serviceUrlProblem(url)).toBe('desktop.serviceUrl.notHttps');
    },
  );

  it('tells an address that is not a URL apart from a plain-http one', () => {
    expect(serviceUrlProblem('palisade.example')).toBe('desktop.serviceUrl.notAUrl');
  });

  it('says the refusal in the user’s language, naming the address', () => {
    const url = 'http://palisade.example';
    expect(formatDesktopMessage('en', 'desktop.serviceUrl.notHttps', { url })).toMatch(
      /"http:\/\/palisade\.example" is not https\. Use its https:\/\/ address/,
    );
    expect(formatDesktopMessage('de', 'desktop.serviceUrl.notHttps', { url })).toMatch(/„http:\/\/palisade\.example“ verwendet kein https/);
  });
});
