import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ServiceConfig } from '../config';
import { readOrCreate } from '../keys/key-files';

/** Where the secret is kept without COMPONENT_SECRET: in the key folder, beside the signing keys, owner-only. */
export const componentSecretFile = (keysDir: string) => join(keysDir, 'component-secret');

/**
 * Hashes the component hashes (and fingerprint) a client sends once more, with HMAC-SHA256
 * under a service secret, before they are stored or compared (docs/api.md, "Devices").
 *
 * A client's hashes are keyed with the app key, which ships in the app: with a database
 * copy alone, a MAC address (24 unknown bits behind a vendor prefix) is found in minutes
 * by hashing candidates. Without this secret the stored values match nothing one can
 * compute. Equal inputs still give equal outputs, so the half rule works on them as before.
 */
export class ComponentKeys {
  private constructor(private readonly secret: Buffer) {}

  /** COMPONENT_SECRET when set, else the one in the shared KEYS_DIR, made on first start. */
  static async load(config: Pick<ServiceConfig, 'componentSecret' | 'keysDir'>): Promise<ComponentKeys> {
    if (config.componentSecret !== undefined) return new ComponentKeys(Buffer.from(config.componentSecret, 'utf8'));
    return new ComponentKeys(Buffer.from(await loadOrCreateSecret(componentSecretFile(config.keysDir)), 'utf8'));
  }

  /** One value, keyed. */
  key(hash: string): string {
    return createHmac('sha256', this.secret).update(hash).digest('hex');
  }

  /** A machine's components as stored: keyed, duplicates dropped. */
  keyAll(hashes: readonly string[]): string[] {
    return [...new Set(hashes.map((hash) => this.key(hash)))];
  }
}

/** 32 random bytes, base64url, created whole and exclusively (key-files.ts) so instances starting together agree on one. */
function loadOrCreateSecret(file: string): Promise<string> {
  return readOrCreate(file, () => `${randomBytes(32).toString('base64url')}\n`, readSecret);
}

function readSecret(text: string): string {
  const secret = text.trim();
  if (secret.length < 32) throw new Error('The component secret file holds fewer than 32 characters.');
  return secret;
}
