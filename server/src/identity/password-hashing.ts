import { availableParallelism } from 'node:os';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline: m=19 MiB, t=2, p=1. */
export const argon2Options = {
  // `Algorithm` is a const enum that isolatedModules cannot read: 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * argon2 runs on libuv's thread pool (4 threads), which also serves WebCrypto (token
 * signing), file and DNS work. Hashing more passwords at once than there are cores gains
 * nothing, and would make every other pool job queue behind ~50 ms hashes; so hashing
 * takes at most one thread per core, and never the whole pool.
 */
export const HASHING_THREADS = Math.max(1, Math.min(3, availableParallelism()));
let busy = 0;
const waiting: (() => void)[] = [];

async function inHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= HASHING_THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, or free it.
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

/** NFC so the same password typed on macOS (often NFD) and Windows hashes the same. */
const normalise = (password: string): string => password.normalize('NFC');

export function hashPassword(password: string): Promise<string> {
  return inHashingSlot(() => hash(normalise(password), argon2Options));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await inHashingSlot(() => verify(passwordHash, normalise(password)));
  } catch {
    // A malformed stored hash must read as "wrong password", never as a crash.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Computes the dummy hash ahead of the first sign-in, so even that one is not slower. */
export async function prepareDummyHash(): Promise<void> {
  dummyHash ??= hashPassword('palisade-timing-equaliser');
  await dummyHash;
}

/**
 * Spends the same work as checking a real password, so an unknown e-mail answers in about
 * the time a wrong password does (no account enumeration by timing).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('palisade-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}
