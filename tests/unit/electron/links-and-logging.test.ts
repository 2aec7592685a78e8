import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/services/ipc/trusted-sender';
import { isVettedExternalUrl } from '../../../electron/services/links/external-url';
import { createLogger, redact } from '../../../electron/services/log/logger';
import { findDeepLinkArg } from '../../../electron/services/links/deep-link-args';
import { placeWindow } from '../../../electron/services/window/window-bounds';
import { extractEmailToken, parseDeepLink } from '../../../shared/contract/links';

const token = 'AbCdEfGhIjKlMnOp_1234-xyz';

describe('deep links', () => {
  it('parses palisade:// links with a valid action and token', () => {
    expect(parseDeepLink(`palisade://confirm?token=${token}`)).toEqual({ action: 'confirm', token });
    expect(parseDeepLink(`palisade://reset-password/?token=${token}`)).toEqual({ action: 'reset-password', token });
  });

  it('opens Billing from a declined charge’s e-mail, with no token', () => {
    expect(parseDeepLink('palisade://billing')).toEqual({ action: 'billing' });
    expect(parseDeepLink(`palisade://billing?token=${token}`)).toEqual({ action: 'billing' });
  });

  it.each([`palisade://delete-everything?token=${token}`, `https://palisade.example/confirm?token=${token}`, 'palisade://confirm?token=short', 'palisade://confirm', 'not a url'])(
    'ignores %s',
    (raw) => expect(parseDeepLink(raw)).toBeNull(),
  );

  it('finds the link among the arguments a second instance was started with', () => {
    expect(findDeepLinkArg(['/opt/Palisade/palisade', '--flag', `palisade://confirm?token=${token}`])).toEqual({ action: 'confirm', token });
    expect(findDeepLinkArg(['/opt/Palisade/palisade', '--no-sandbox'])).toBeNull();
  });

  it('reads the token out of whatever was pasted from the e-mail', () => {
    expect(extractEmailToken(` ${token} `)).toBe(token);
    expect(extractEmailToken(`https://accounts.example/confirm?token=${token}`)).toBe(token);
    expect(extractEmailToken(`palisade://confirm?token=${token}`)).toBe(token);
    expect(extractEmailToken('my code is 1234')).toBeNull();
  });
});

describe('links the app will open', () => {
  it.each([
    ['https://www.palisade.example/help', true],
    ['http://www.palisade.example/', false],
    ['https://user:pw@palisade.example/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['ms-settings:privacy', false],
    ['https://localhost/', false],
  ])('%s → %s', (url, expected) => expect(isVettedExternalUrl(url)).toBe(expected));
});

describe('IPC sender check', () => {
  it('accepts only the app origin', () => {
    expect(isTrustedSender('app://palisade/index.html#/sign-in', 'app://palisade')).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('https://evil.example/', 'app://palisade')).toBe(false);
    expect(isTrustedSender('app://palisade.evil/', 'app://palisade')).toBe(false);
    expect(isTrustedSender('file:///tmp/index.html', 'app://palisade')).toBe(false);
    expect(isTrustedSender(undefined, 'app://palisade')).toBe(false);
  });
});

describe('logging', () => {
  it('redacts secrets by field name and by shape', () => {
    const out = redact({
      password: 'hunter2',
      refreshToken: 'r1',
      headers: { Authorization: 'Bearer abc' },
      note: 'sent Bearer abc.def to the service',
      jwt: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1MSJ9.c2ln',
      errorCode: 'INVALID_CREDENTIALS',
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|r1|abc|eyJ/);
    expect(out).toMatchObject({ errorCode: 'INVALID_CREDENTIALS' });
  });

  it('writes redacted lines', () => {
    const lines: string[] = [];
    createLogger({ scope: 't', write: (l) => lines.push(l) }).info('opened /launch/abcdefghijklmnopqrstuvwxyz012345', { mfaToken: 'm' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/abcdefghijklmnop|"m"/);
  });
});

describe('window placement', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };
  it('reopens where it was when that is on a screen', () => {
    const saved = { bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: true };
    expect(placeWindow(saved, [screen], { width: 1100, height: 760 })).toEqual(saved);
  });
  it('centres on the primary screen when the remembered monitor is gone', () => {
    const saved = { bounds: { x: 2500, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [screen], { width: 1100, height: 760 })).toEqual({ bounds: { x: 410, y: 140, width: 1100, height: 760 }, maximized: false });
  });
  it('shrinks a window larger than its screen', () => {
    const saved = { bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false };
    expect(placeWindow(saved, [screen], { width: 1100, height: 760 }).bounds).toEqual(screen);
  });
});
