import { AppFailure } from '../../../shared/errors';

/**
 * Whether a link may be handed to the system browser: https only, no credentials in it,
 * a real host name. Everything else (file:, javascript:, custom schemes that launch other
 * apps) stays refused, whoever asks.
 */
export function isVettedExternalUrl(raw: string): boolean {
  if (raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.hostname.includes('.') && !url.hostname.endsWith('.');
}

export function vetExternalUrl(raw: string): string {
  if (!isVettedExternalUrl(raw)) throw new AppFailure({ code: 'IPC_FORBIDDEN', message: 'Palisade only opens secure web links.' });
  return new URL(raw).toString();
}
