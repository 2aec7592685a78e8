import { sign as signBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LICENCE_KEY_ROTATION_TYPE, type LicenceKeyRotation } from '../../../shared/lease';
import { ACCESS_TOKEN_TTL_SECONDS } from '../identity/access-tokens';
import { newSigningJwk, parseSigningKey } from '../identity/signing-key';
import {
  ensureFirstLicenceKey,
  generationAt,
  licenceKeyFile,
  licenceRotationFile,
  readLicenceKeyChain,
} from '../licence/licence-keys';
import { accessKeyFile, readRetiredAccessKeys, retiredAccessKeysDir, retiredKeyGraceMs } from './access-token-keys';
import { createFileOnce, ensureKeyFolderSync, hasCode, readIfPresent, replaceFile } from './key-files';

/**
 * Rotations only write files in the key folder; running instances read the folder again
 * within a second of using it (access-token-keys.ts, lease-signer.ts). No database is
 * opened, so a rotation is safe beside a running embedded service without the local
 * channel. Two rotations at once are kept apart by a lock file in the folder.
 */

/** How long after `keys rotate --licence` the new licence key takes over, unless `--from` says otherwise. */
export const LICENCE_SWITCH_DELAY_MS = 2 * 60 * 1000;

export interface AccessRotation {
  kid: string;
  retiredKid: string | undefined;
  /** Until when tokens of the retired key still verify; undefined when it was dropped. */
  retiredKeyAcceptedUntil: Date | undefined;
  /** Retired keys taken out of the folder (their window had passed, or `dropRetired`). */
  removed: string[];
}

/**
 * A new current access-token key. The old one is kept as retired (public half and the
 * time), so tokens it signed verify until they expire; with `dropRetired` (a key leak)
 * it and every other retired key go at once, and their tokens stop working within a
 * second on every instance (their apps refresh and carry on).
 */
export async function rotateAccessKey(keysDir: string, options: { now: Date; dropRetired?: boolean }): Promise<AccessRotation> {
  return withRotationLock(keysDir, async () => {
    const graceMs = retiredKeyGraceMs(ACCESS_TOKEN_TTL_SECONDS);
    const currentText = readIfPresent(accessKeyFile(keysDir));
    const current = currentText === undefined ? undefined : parseSigningKey(currentText);
    const removed: string[] = [];
    for (const retired of readRetiredAccessKeys(keysDir)) {
      if (options.dropRetired || Date.parse(retired.retiredAt) + graceMs <= options.now.getTime()) {
        await unlink(retiredFile(keysDir, retired.kid)).catch(() => {});
        removed.push(retired.kid);
      }
    }
    // Retire first, then replace: an instance that reads in between still has the old key as current.
    if (current && !options.dropRetired) {
      await replaceFile(
        retiredFile(keysDir, current.kid),
        JSON.stringify({ kid: current.kid, ...current.publicJwk, retiredAt: options.now.toISOString() }),
      );
    }
    const next = newSigningJwk();
    await replaceFile(accessKeyFile(keysDir), next);
    if (current && options.dropRetired) removed.push(current.kid);
    return {
      kid: parseSigningKey(next).kid,
      retiredKid: current?.kid,
      retiredKeyAcceptedUntil: current && !options.dropRetired ? new Date(options.now.getTime() + graceMs) : undefined,
      removed,
    };
  });
}

export interface LicenceRotation {
  sequence: number;
  validFrom: Date;
  /** Private keys of generations no lease is signed with any more, taken out of the folder. */
  prunedGenerations: number[];
}

/**
 * A new licence key, announced by statement n signed with the key it replaces, taking
 * over at `validFrom`. Clients follow the statement the next time they ask for the key;
 * leases the old key signed before `validFrom` stay good until they expire.
 */
export async function rotateLicenceKey(keysDir: string, options: { now: Date; validFrom?: Date }): Promise<LicenceRotation> {
  await ensureFirstLicenceKey(keysDir);
  return withRotationLock(keysDir, async () => {
    const chain = readLicenceKeyChain(keysDir);
    const last = chain.rotations.at(-1);
    const previousGeneration = last?.rotation.sequence ?? 0;
    if (last && Date.parse(last.rotation.validFrom) > options.now.getTime()) {
      throw new Error(`The licence key rotated last (${previousGeneration}) takes over only at ${last.rotation.validFrom}; rotate again after that.`);
    }
    const signer = chain.keys.get(previousGeneration);
    if (!signer) throw new Error(`The current licence key (generation ${previousGeneration}) is not in ${keysDir}; it cannot sign a rotation.`);
    const sequence = previousGeneration + 1;
    const validFrom = options.validFrom ?? new Date(options.now.getTime() + LICENCE_SWITCH_DELAY_MS);
    const nextText = newSigningJwk();
    if (!(await createFileOnce(licenceKeyFile(keysDir, sequence), nextText))) {
      throw new Error(`A licence key of generation ${sequence} is already in ${keysDir}, with no statement: remove it and rotate again.`);
    }
    const next = parseSigningKey(nextText);
    const statement: LicenceKeyRotation = {
      sequence,
      previous: signer.publicJwk,
      next: next.publicJwk,
      validFrom: validFrom.toISOString(),
      issuedAt: options.now.toISOString(),
    };
    const input = [{ alg: 'EdDSA', typ: LICENCE_KEY_ROTATION_TYPE, kid: signer.kid }, statement]
      .map((part) => Buffer.from(JSON.stringify(part), 'utf8').toString('base64url'))
      .join('.');
    const jws = `${input}.${signBytes(null, Buffer.from(input), signer.privateKeyObject).toString('base64url')}`;
    await createFileOnce(licenceRotationFile(keysDir, sequence), `${jws}\n`);

    // Private keys older than the one that just signed sign nothing any more.
    const current = generationAt(readLicenceKeyChain(keysDir), options.now);
    const prunedGenerations: number[] = [];
    for (const generation of chain.keys.keys()) {
      if (generation < current && generation < previousGeneration) {
        await unlink(licenceKeyFile(keysDir, generation)).catch(() => {});
        prunedGenerations.push(generation);
      }
    }
    return { sequence, validFrom, prunedGenerations };
  });
}

const retiredFile = (keysDir: string, kid: string) => join(retiredAccessKeysDir(keysDir), `${kid.replace(/[^A-Za-z0-9_-]/g, '_')}.jwk`);

const lockFile = (keysDir: string) => join(keysDir, 'rotation.lock');

/** One rotation at a time per key folder; a lock left by a process that died is taken over. */
async function withRotationLock<T>(keysDir: string, work: () => Promise<T>): Promise<T> {
  ensureKeyFolderSync(keysDir);
  const path = lockFile(keysDir);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if (!hasCode(error, 'EEXIST') || attempt > 0) throw new Error(`Another key rotation is running (${path}); try again when it has finished.`);
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new Error(`Another key rotation (process ${holder}) is running on ${keysDir}; try again when it has finished.`);
      }
      unlinkSync(path);
    }
  }
  try {
    return await work();
  } finally {
    unlinkSync(path);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return hasCode(error, 'EPERM');
  }
}
