import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CryptoKey } from 'jose';
import { type Ed25519PublicJwk, loadOrCreateSigningKey, parseSigningKey, type SigningKey, verificationKey } from '../identity/signing-key';
import { ensureKeyFolder, hasCode, readIfPresent } from './key-files';

/** The current access-token key: signs every new token (and verifies them). */
export const accessKeyFile = (keysDir: string) => join(keysDir, 'access-token-signing.jwk');
/** Keys rotated out: public halves with the time they stopped signing, still accepted for a while. */
export const retiredAccessKeysDir = (keysDir: string) => join(keysDir, 'access-token-retired');

/**
 * How long after its retirement a key still verifies: the last token it signed lasts the
 * access-token life (10 minutes) from its issue, and an instance may have signed with it
 * for a moment after the rotation, until it saw the folder change.
 */
export const retiredKeyGraceMs = (tokenTtlSeconds: number) => tokenTtlSeconds * 1000 + 2 * 60 * 1000;

/** A retired key as kept in the folder. */
export interface RetiredAccessKey {
  kid: string;
  jwk: Ed25519PublicJwk;
  retiredAt: string;
}

/** At most one look at the folder a second (also when tokens with unknown kids pour in), */
const CHECK_INTERVAL_MS = 1000;
/** and a full read once a minute whatever the file times say (network file systems cache them). */
const FULL_READ_INTERVAL_MS = 60_000;

interface VerificationKey {
  key: CryptoKey;
  /** Undefined for the current key. */
  acceptUntil: number | undefined;
}

/**
 * The access-token key set of one key folder, shared by every instance of a deployment:
 * the current key, which signs, and retired keys, which still verify until the last
 * token they signed has expired. A rotation (commands/keys.ts) only changes files, so
 * every instance re-reads the folder: when it changed (looked at no more than once a
 * second, on use), and when a token names a kid it does not know.
 */
export class AccessTokenKeySet {
  private current: SigningKey;
  private verifying = new Map<string, VerificationKey>();
  private stamp = '';
  private lastCheck = Number.NEGATIVE_INFINITY;
  private lastFullRead = 0;
  private lastForcedRead = Number.NEGATIVE_INFINITY;

  private constructor(
    private readonly keysDir: string,
    private readonly graceMs: number,
    private readonly clock: () => number,
    initial: SigningKey,
  ) {
    this.current = initial;
    this.read();
  }

  /** Creates the current key on first start (exclusively, so instances starting together agree). */
  static async load(keysDir: string, options: { tokenTtlSeconds: number; clock?: () => number }): Promise<AccessTokenKeySet> {
    await ensureKeyFolder(keysDir);
    const initial = await loadOrCreateSigningKey(accessKeyFile(keysDir));
    return new AccessTokenKeySet(keysDir, retiredKeyGraceMs(options.tokenTtlSeconds), options.clock ?? (() => performance.now()), initial);
  }

  /** The key new tokens are signed with. */
  signingKey(): SigningKey {
    this.refreshIfDue();
    return this.current;
  }

  /** The key to verify a token that names `kid` with, at `now`; undefined when none may. */
  verificationKey(kid: string, now: Date): CryptoKey | undefined {
    this.refreshIfDue();
    let found = this.verifying.get(kid);
    if (!found) {
      // Perhaps signed by an instance that already uses a key this one has not read yet:
      // read the folder whatever its times say, but at most once a second, so a stream of
      // made-up kids costs nothing.
      this.readUnlessJustRead();
      found = this.verifying.get(kid);
    }
    if (!found) return undefined;
    if (found.acceptUntil !== undefined && now.getTime() >= found.acceptUntil) return undefined;
    return found.key;
  }

  /** The kids this set accepts now, current first (for tests and `keys` output). */
  kids(): string[] {
    return [this.current.kid, ...[...this.verifying.keys()].filter((kid) => kid !== this.current.kid)];
  }

  private refreshIfDue(): void {
    const at = this.clock();
    if (at - this.lastCheck < CHECK_INTERVAL_MS) return;
    this.lastCheck = at;
    try {
      if (this.folderStamp() === this.stamp && at - this.lastFullRead < FULL_READ_INTERVAL_MS) return;
      this.read();
    } catch {
      // A folder caught mid-change or unreadable for a moment: keep the keys already held.
    }
  }

  private readUnlessJustRead(): void {
    const at = this.clock();
    if (at - this.lastForcedRead < CHECK_INTERVAL_MS) return;
    this.lastForcedRead = at;
    this.lastCheck = at;
    try {
      this.read();
    } catch {
      // as in refreshIfDue
    }
  }

  private read(): void {
    const stamp = this.folderStamp();
    const currentText = readIfPresent(accessKeyFile(this.keysDir));
    const current = currentText === undefined ? this.current : parseSigningKey(currentText);
    const verifying = new Map<string, VerificationKey>([[current.kid, { key: current.publicKey, acceptUntil: undefined }]]);
    for (const retired of readRetiredAccessKeys(this.keysDir)) {
      if (retired.kid === current.kid) continue;
      verifying.set(retired.kid, { key: verificationKey(retired.jwk), acceptUntil: Date.parse(retired.retiredAt) + this.graceMs });
    }
    this.current = current;
    this.verifying = verifying;
    this.stamp = stamp;
    this.lastFullRead = this.clock();
  }

  /** Changes whenever a rotation renames a file into place (new inode) or adds or removes a retired key. */
  private folderStamp(): string {
    const parts = [accessKeyFile(this.keysDir), retiredAccessKeysDir(this.keysDir)].map((path) => {
      try {
        const info = statSync(path);
        return `${info.ino}:${info.mtimeMs}:${info.size}`;
      } catch (error) {
        if (hasCode(error, 'ENOENT')) return '-';
        throw error;
      }
    });
    return parts.join('|');
  }
}

/** The retired keys in the folder; unreadable entries are skipped rather than stopping the service. */
export function readRetiredAccessKeys(keysDir: string): RetiredAccessKey[] {
  let names: string[];
  try {
    names = readdirSync(retiredAccessKeysDir(keysDir));
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return [];
    throw error;
  }
  const keys: RetiredAccessKey[] = [];
  for (const name of names.filter((n) => n.endsWith('.jwk'))) {
    const parsed = parseRetired(readIfPresent(join(retiredAccessKeysDir(keysDir), name)));
    if (parsed) keys.push(parsed);
  }
  return keys;
}

function parseRetired(text: string | undefined): RetiredAccessKey | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<{ kid: unknown; kty: unknown; crv: unknown; x: unknown; retiredAt: unknown }>;
    if (typeof value.kid !== 'string' || value.kty !== 'OKP' || value.crv !== 'Ed25519' || typeof value.x !== 'string') return undefined;
    if (typeof value.retiredAt !== 'string' || Number.isNaN(Date.parse(value.retiredAt))) return undefined;
    return { kid: value.kid, jwk: { kty: 'OKP', crv: 'Ed25519', x: value.x }, retiredAt: value.retiredAt };
  } catch {
    return undefined;
  }
}
