import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Selectable } from 'kysely';
import type { DesktopPlatform } from '../../../shared/api/downloads';
import { type Db, isUniqueViolation } from '../db/database';
import { ensurePrivateFolder } from '../db/private-files';
import { compareVersions } from './release-version';
import type { ReleasesTable } from './release-tables';

export type ReleaseRow = Selectable<ReleasesTable>;

/** The release store: DATA_DIR/releases (0700), its files 0600. */
export const releasesFolder = (dataDir: string): string => join(dataDir, 'releases');

export interface StoredFile {
  storedName: string;
  size: number;
  sha256: string;
  sha512: string;
}

/** Why a file cannot be published: the CLI says it and exits 2. */
export class ReleaseRefused extends Error {}

const ALREADY_PUBLISHED = 'is already published; publish a new version instead.';

/**
 * The refusal in `error`, if it is one: thrown here, or the same sentence as the running
 * service answered it over the control channel (which carries only the message).
 */
export function refusalIn(error: unknown): string | undefined {
  if (error instanceof ReleaseRefused) return error.message;
  return error instanceof Error && error.message.endsWith(ALREADY_PUBLISHED) ? error.message : undefined;
}

/**
 * Copies `source` into the store, hashing it on the way: streamed, so a 2 GB installer
 * never sits in memory. Written under a temporary name and renamed when complete, so the
 * store never holds half a file under a real name.
 */
export async function copyIntoStore(dataDir: string, source: string): Promise<StoredFile> {
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new ReleaseRefused(`--file: ${source} does not exist.`);
  if (!info.isFile()) throw new ReleaseRefused(`--file: ${source} is not a regular file.`);
  if (info.size === 0) throw new ReleaseRefused(`--file: ${source} is empty.`);
  const folder = releasesFolder(dataDir);
  ensurePrivateFolder(folder);
  const storedName = randomUUID();
  const partial = join(folder, `${storedName}.part`);
  const sha256 = createHash('sha256');
  const sha512 = createHash('sha512');
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sha256.update(chunk);
      sha512.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(source), hashing, createWriteStream(partial, { mode: 0o600, flags: 'wx' }));
    await rename(partial, join(folder, storedName));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { storedName, size, sha256: sha256.digest('hex'), sha512: sha512.digest('base64') };
}

/** Removes a stored file that no release row names (a refused publish). */
export const removeStoredFile = (dataDir: string, storedName: string): Promise<void> =>
  rm(join(releasesFolder(dataDir), storedName), { force: true });

export const storedPath = (dataDir: string, release: Pick<ReleaseRow, 'stored_name'>): string =>
  join(releasesFolder(dataDir), release.stored_name);

export interface NewRelease extends StoredFile {
  platform: DesktopPlatform;
  version: string;
  fileName: string;
  notes: string | undefined;
  rolloutPercent: number | undefined;
}

/** Records a copied file as a release; a version the platform already has is refused. */
export async function recordRelease(db: Db, release: NewRelease, now: Date): Promise<ReleaseRow> {
  const row = {
    id: randomUUID(),
    platform: release.platform,
    version: release.version,
    file_name: release.fileName,
    stored_name: release.storedName,
    size: release.size,
    sha256: release.sha256,
    sha512: release.sha512,
    notes: release.notes ?? null,
    rollout_percent: release.rolloutPercent ?? null,
    published_at: now,
  };
  try {
    return await db.insertInto('releases').values(row).returningAll().executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ReleaseRefused(`${release.platform} ${release.version} ${ALREADY_PUBLISHED}`);
    }
    throw error;
  }
}

/** The newest release of each platform that has one, by semantic version. */
export async function newestReleases(db: Db): Promise<Map<DesktopPlatform, ReleaseRow>> {
  const rows = await db.selectFrom('releases').selectAll().execute();
  const newest = new Map<DesktopPlatform, ReleaseRow>();
  for (const row of rows) {
    const best = newest.get(row.platform);
    if (!best || compareVersions(row.version, best.version) > 0) newest.set(row.platform, row);
  }
  return newest;
}

export const findRelease = (db: Db, id: string): Promise<ReleaseRow | undefined> =>
  db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst();

export const findReleaseByVersion = (db: Db, platform: DesktopPlatform, version: string): Promise<ReleaseRow | undefined> =>
  db.selectFrom('releases').selectAll().where('platform', '=', platform).where('version', '=', version).executeTakeFirst();

export const sizeOf = (release: Pick<ReleaseRow, 'size'>): number => Number(release.size);
