import type { AppError, ErrorCode } from '../../../shared/errors';

/**
 * What each error means to a person, and what to do next. The one place codes become
 * sentences: a new code in shared/errors.ts fails to compile until it has one here.
 */
export const errorSentences: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Some details need another look. Check the highlighted fields and try again.',
  NOT_FOUND: 'We couldn’t find that. It may have been removed; go back and try again.',
  PAYLOAD_TOO_LARGE: 'That is more than Palisade can send at once. Make it shorter and try again.',
  RATE_LIMITED: 'There have been too many attempts in a short time. Wait a minute, then try again.',
  UNAUTHORIZED: 'Your session has ended. Sign in again to continue.',
  FORBIDDEN: 'Your account can’t do that. If you think it should, contact Palisade support.',
  CONFLICT: 'Something changed while you were working. Go back, check the latest details and try again.',
  INTERNAL:
    'Something went wrong on our side. Try again in a few minutes; if it keeps happening, contact Palisade support.',

  EMAIL_TAKEN:
    'An account already uses that e-mail address. Sign in instead, or reset your password if you’ve forgotten it.',
  WEAK_PASSWORD: 'That password is too easy to guess. Choose a longer one; a few unrelated words work well.',
  TOKEN_INVALID: 'That code or link has expired or was already used. Ask for a new e-mail and use the newest one.',
  INVALID_CREDENTIALS:
    'That e-mail address and password don’t match. Check them and try again, or reset your password.',
  EMAIL_NOT_CONFIRMED: 'Confirm your e-mail address first: open the message we sent you, or paste the code from it.',
  ACCOUNT_LOCKED:
    'Your account is locked for a while after too many wrong passwords or sign-in codes. Wait, or reset your password to unlock it now.',
  MFA_INVALID: 'That code didn’t work. Codes can be used once; wait for the next one.',
  MFA_ALREADY_ENABLED: 'Your account already has 2-step verification on, so there is nothing more to set up.',
  MFA_NOT_ENABLED: 'Your account doesn’t have 2-step verification on, so there is nothing to turn off.',
  REFRESH_INVALID: 'Your session has ended. Sign in again to continue.',
  REFRESH_REUSED:
    'For your safety we signed you out everywhere. Sign in again, and change your password if you didn’t expect this.',

  KEY_MALFORMED:
    'That product key has a typo or is incomplete. It has 20 letters and numbers, like XXXXX-XXXXX-XXXXX-XXXXX.',
  KEY_UNKNOWN: 'We don’t recognise that product key. Check it against your receipt and try again.',
  KEY_ALREADY_USED:
    'That product key has already been used. Each key works once; check your subscriptions to see where it went.',
  SEAT_LIMIT_REACHED:
    'Your subscription already protects as many devices as it allows. Remove a device, or move protection from one.',
  SUBSCRIPTION_EXPIRED: 'That subscription has expired. Renew it to protect this device again.',
  DEVICE_DEACTIVATED:
    'This device is no longer protected by your account. Register it again to turn protection back on.',
  PAYMENT_DECLINED: 'Your card was declined. Check its details or use a different card.',

  NETWORK_OFFLINE: 'Palisade can’t reach the internet. Check your connection and try again.',
  TIMEOUT: 'Palisade didn’t hear back in time. Check your connection and try again.',
  NOT_SIGNED_IN: 'You’re not signed in. Sign in to continue.',
  IPC_FORBIDDEN: 'Palisade refused that request to keep you safe. Restart Palisade and try again.',
  IPC_INVALID_INPUT: 'Palisade couldn’t accept those details. Check what you entered and try again.',
  LEASE_INVALID: 'Palisade couldn’t verify this computer’s protection. Connect to the internet so it can check again.',
  LICENCE_KEY_CHANGED:
    'Palisade couldn’t verify its licence with the service. Update Palisade to the latest version, then try again.',
  UNKNOWN: 'Something unexpected went wrong. Try again; if it keeps happening, restart Palisade.',
};

/** A sentence for the person; the error's own `message` is for logs, not for them. */
export function describeError(error: AppError): string {
  if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds) {
    return `There have been too many attempts in a short time. Try again in ${describeWait(error.retryAfterSeconds)}.`;
  }
  return errorSentences[error.code];
}

/** "45 seconds", "1 minute", "15 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
