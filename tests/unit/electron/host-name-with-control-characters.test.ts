import { describe, expect, it } from 'vitest';
import { createAppEvents } from '../../../electron/services/events/app-events';
import { createDesktopI18n } from '../../../electron/services/i18n/desktop-i18n';
import { sessionDeviceName } from '../../../electron/services/i18n/session-device-name';
import { createEventHub } from '../../../electron/services/ipc/event-hub';
import { loginBodySchema } from '../../../shared/api/identity';

/**
 * The session's name is made from the host name, which the app does not choose. The
 * service refuses a device name with control or text-direction characters, and the sign-in
 * with it, so the app neutralises them first: a strange host name must not lock anyone out.
 */
const i18n = createDesktopI18n({
  choice: () => 'en',
  systemLanguages: () => ['en-US'],
  events: createAppEvents(createEventHub()),
});

describe('a host name with control characters', () => {
  it.each([
    ['CR/LF', 'anna\r\nlaptop', 'Palisade on anna laptop'],
    ['a NUL', 'anna-laptop\u0000', 'Palisade on anna-laptop'],
    ['a right-to-left override', 'anna\u202epotpal', 'Palisade on annapotpal'],
  ])('with %s still names a session the service accepts', (_what, host, expected) => {
    const name = sessionDeviceName(i18n, 'electron', host);
    expect(name).toBe(expected);
    expect(loginBodySchema.shape.deviceName.safeParse(name).success).toBe(true);
  });
});
