import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../../electron/services/security/permissions';

const app = 'app://palisade';

describe('renderer permissions', () => {
  it('allows clipboard writes from the app itself', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://palisade/index.html#/settings', app)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://palisade', app)).toBe(true);
  });

  it('denies clipboard writes from any other origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://palisade.example/', app)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://evil/index.html', app)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'not a url', app)).toBe(false);
  });

  it.each(['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fullscreen'])(
    'denies %s even to the app',
    (permission) => {
      expect(isPermissionAllowed(permission, 'app://palisade/index.html', app)).toBe(false);
    },
  );
});
