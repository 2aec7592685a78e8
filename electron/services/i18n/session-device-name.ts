import { hostname } from 'node:os';
import { neutralisedText } from '../../../shared/text';
import type { DesktopI18n } from './desktop-i18n';

/** The service keeps at most this much of a session's name. */
const SESSION_NAME_MAX_LENGTH = 64;

/**
 * The name this app's session gets in the account's session list, in the app's language
 * ("Palisade on anna-laptop"). A host name with a control or text-direction character is
 * neutralised, since the service refuses such a name and the sign-in with it.
 */
export function sessionDeviceName(
  i18n: DesktopI18n,
  host: 'electron' | 'browser',
  hostName: string = hostname(),
): string {
  const id = host === 'browser' ? 'desktop.session.browserDeviceName' : 'desktop.session.deviceName';
  return i18n.t(id, { host: neutralisedText(hostName) }).slice(0, SESSION_NAME_MAX_LENGTH);
}
