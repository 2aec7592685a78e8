import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline: m=19 MiB, t=2, p=1. */
export const argon2Options = {
  // `Algorithm` is a const enum that isolatedModules cannot read: 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** NFC so the same password typed on macOS (often NFD) and Windows hashes the same. */
const normalise = (password: string): string => password.normalize('NFC');

export function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalise(password));
  } catch {
    // A malformed stored hash must read as "wrong password", never as a crash.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as checking a real password, so an unknown e-mail answers in about
 * the time a wrong password does (no account enumeration by timing).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('palisade-timing-equaliser', argon2Options);
  await verifyPassword(await dummyHash, password);
  return false;
}
