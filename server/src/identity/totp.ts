import { Secret, TOTP } from 'otpauth';
import type { Db } from '../db/database';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
/** One step of clock drift either way (RFC 6238 §5.2 recommends at most one). */
const DRIFT_STEPS = 1;
/** 160 bits, the HMAC-SHA1 output size RFC 4226 §4 recommends as the minimum. */
const SECRET_BYTES = 20;

export const newTotpSecret = (): string => new Secret({ size: SECRET_BYTES }).base32;

const totpFor = (secret: string, email = '') =>
  new TOTP({ issuer: 'Palisade', label: email, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });

/** `otpauth://totp/Palisade:<email>?issuer=Palisade&secret=…` for the QR code. */
export const otpauthUrl = (secret: string, email: string): string => totpFor(secret, email).toString();

/** True for what can only be a TOTP code (recovery codes have letters or more symbols). */
export const looksLikeTotpCode = (code: string): boolean => /^\d{6}$/.test(code.replace(/\s+/g, ''));

/** The time step `code` belongs to (within the drift window of `now`), or null. */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret).validate({ token, timestamp: now.getTime(), window: DRIFT_STEPS });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/**
 * Records `step` as used when it is later than every step used before; false means the
 * code was already used (or an earlier one was), which RFC 6238 §5.2 says to refuse. One
 * conditional update, so two requests racing with one code cannot both win.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .updateTable('totp_credentials')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step as unknown as string)]))
    .returning('user_id')
    .executeTakeFirst();
  return claimed !== undefined;
}
