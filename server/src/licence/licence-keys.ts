import { createPublicKey, verify as verifyBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LICENCE_KEY_ROTATION_TYPE, type LicenceKeyRotation, licenceKeyRotationSchema } from '../../../shared/lease';
import { type Ed25519PublicJwk, newSigningJwk, parseSigningKey, type SigningKey } from '../identity/signing-key';
import { createFileOnce, ensureKeyFolder, hasCode, readIfPresent } from '../keys/key-files';

/** The first licence key (generation 0), where it has always been. */
export const firstLicenceKeyFile = (keysDir: string) => join(keysDir, 'licence-signing.jwk');
/** Generation n ≥ 1, made by `keys rotate --licence`. */
export const licenceKeyFile = (keysDir: string, generation: number) =>
  generation === 0 ? firstLicenceKeyFile(keysDir) : join(keysDir, `licence-signing.${generation}.jwk`);
/** The signed statements, `000001.jws` …: public, published to every client, kept for good. */
export const licenceRotationsDir = (keysDir: string) => join(keysDir, 'licence-rotations');
export const licenceRotationFile = (keysDir: string, sequence: number) =>
  join(licenceRotationsDir(keysDir), `${String(sequence).padStart(6, '0')}.jws`);

/** One statement as read from the folder. */
export interface PublishedRotation {
  jws: string;
  rotation: LicenceKeyRotation;
}

/** Everything the folder says about the licence key, at one moment. */
export interface LicenceKeyChain {
  /** Statements in order, 1, 2, …, each verified against the key before it. */
  rotations: PublishedRotation[];
  /** The private keys still in the folder, by generation (old ones may have been pruned). */
  keys: Map<number, SigningKey>;
}

/**
 * Reads the licence keys of a key folder and checks the chain: statement n must be
 * numbered n, signed by generation n − 1 and name it as `previous`. A broken chain is an
 * error, never skipped: clients would refuse what follows it.
 */
export function readLicenceKeyChain(keysDir: string): LicenceKeyChain {
  const keys = new Map<number, SigningKey>();
  const rotations: PublishedRotation[] = [];
  const first = readIfPresent(firstLicenceKeyFile(keysDir));
  if (first !== undefined) keys.set(0, parseSigningKey(first));
  const sequences = statementSequences(keysDir);
  let previous: Ed25519PublicJwk | undefined = keys.get(0)?.publicJwk;
  for (const [index, sequence] of sequences.entries()) {
    if (sequence !== index + 1) throw new Error(`Licence-key statement ${index + 1} is missing from ${licenceRotationsDir(keysDir)}.`);
    const jws = (readIfPresent(licenceRotationFile(keysDir, sequence)) ?? '').trim();
    const rotation = decodeStatement(jws);
    if (rotation.sequence !== sequence) throw new Error(`Licence-key statement ${sequence} says it is number ${rotation.sequence}.`);
    const signer = previous ?? rotation.previous;
    if (signer.x !== rotation.previous.x || !statementSignedBy(jws, signer)) {
      throw new Error(`Licence-key statement ${sequence} is not signed by the key it replaces.`);
    }
    const text = readIfPresent(licenceKeyFile(keysDir, sequence));
    if (text !== undefined) {
      const key = parseSigningKey(text);
      if (key.publicJwk.x !== rotation.next.x) throw new Error(`The licence key of generation ${sequence} is not the one its statement names.`);
      keys.set(sequence, key);
    }
    rotations.push({ jws, rotation });
    previous = rotation.next;
  }
  return { rotations, keys };
}

/** The generation that signs leases issued at `now`: the last one whose statement's `validFrom` has come. */
export function generationAt(chain: LicenceKeyChain, now: Date): number {
  let generation = 0;
  for (const { rotation } of chain.rotations) {
    if (Date.parse(rotation.validFrom) <= now.getTime()) generation = rotation.sequence;
  }
  return generation;
}

/** Creates generation 0 on first start, unless the folder already has a chain (then it was pruned on purpose). */
export async function ensureFirstLicenceKey(keysDir: string): Promise<void> {
  await ensureKeyFolder(keysDir);
  if (readIfPresent(firstLicenceKeyFile(keysDir)) !== undefined || statementSequences(keysDir).length > 0) return;
  await createFileOnce(firstLicenceKeyFile(keysDir), newSigningJwk());
}

/** Changes when a statement or key is added (each lands by rename or link, so the folder's time moves). */
export function licenceFolderStamp(keysDir: string): string {
  return [firstLicenceKeyFile(keysDir), licenceRotationsDir(keysDir)]
    .map((path) => {
      try {
        const info = statSync(path);
        return `${info.ino}:${info.mtimeMs}:${info.size}`;
      } catch (error) {
        if (hasCode(error, 'ENOENT')) return '-';
        throw error;
      }
    })
    .join('|');
}

function statementSequences(keysDir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(licenceRotationsDir(keysDir));
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return [];
    throw error;
  }
  return names
    .map((name) => /^(\d{6})\.jws$/.exec(name)?.[1])
    .filter((digits) => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function decodeStatement(jws: string): LicenceKeyRotation {
  const [header, payload] = jws.split('.');
  const parsedHeader = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as { alg?: unknown; typ?: unknown };
  if (parsedHeader.alg !== 'EdDSA' || parsedHeader.typ !== LICENCE_KEY_ROTATION_TYPE) throw new Error('Not a licence-key statement.');
  return licenceKeyRotationSchema.parse(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')));
}

function statementSignedBy(jws: string, jwk: Ed25519PublicJwk): boolean {
  const [header, payload, signature] = jws.split('.');
  if (!header || !payload || !signature) return false;
  const key = createPublicKey({ key: { ...jwk }, format: 'jwk' });
  return verifyBytes(null, Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
}
