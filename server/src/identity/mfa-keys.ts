import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreate } from '../keys/key-files';

/**
 * Keys for 2-step verification data at rest, derived from one random 256-bit key kept in
 * KEYS_DIR (never in the database): a database leak alone then yields neither TOTP
 * secrets nor a way to test recovery-code guesses offline.
 */
export interface MfaKeys {
  /** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
  seal(plain: string): string;
  open(sealed: string): string;
  /** HMAC-SHA256 of a normalised recovery code, hex. */
  recoveryCodeHash(code: string): string;
}

const loaded = new Map<string, Promise<MfaKeys>>();

/** The keys kept in the key folder `keysDir`, created on first use. */
export function mfaKeys(keysDir: string): Promise<MfaKeys> {
  let keys = loaded.get(keysDir);
  if (!keys) {
    keys = loadOrCreateMasterKey(join(keysDir, 'mfa-master.key')).then(deriveKeys);
    keys.catch(() => loaded.delete(keysDir));
    loaded.set(keysDir, keys);
  }
  return keys;
}

function deriveKeys(master: Buffer): MfaKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const sealKey = derive('palisade totp secret sealing');
  const hashKey = derive('palisade recovery code hashing');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Not a sealed TOTP secret.');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
    recoveryCodeHash: (code) => createHmac('sha256', hashKey).update(code, 'utf8').digest('hex'),
  };
}

/** Created whole and exclusively (key-files.ts), so instances starting together on one key folder agree on one key. */
function loadOrCreateMasterKey(file: string): Promise<Buffer> {
  return readOrCreate(file, () => randomBytes(32).toString('base64'), parseKey);
}

function parseKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error('The 2-step verification key file does not hold a 256-bit key.');
  return key;
}
