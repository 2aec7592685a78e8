import type { ColumnType } from 'kysely';
import type { DesktopPlatform } from '../../../shared/api/downloads';

/** Table of migration 0014_releases; listed in `Database` in schema.ts. */
export interface ReleasesTable {
  id: string;
  platform: DesktopPlatform;
  /** Semantic version, as published (releases/release-version.ts). */
  version: string;
  /** The name the file was published under: what a download saves it as. */
  file_name: string;
  /** Its name inside DATA_DIR/releases. */
  stored_name: string;
  /** int8: PostgreSQL answers it as text, so it is read through Number(). */
  size: ColumnType<string | number, number, number>;
  /** hex */
  sha256: string;
  /** base64, as electron-updater's feeds carry it */
  sha512: string;
  notes: string | null;
  /** Percent of installations offered the update; null is everyone. */
  rollout_percent: number | null;
  published_at: ColumnType<Date, Date, Date>;
}

export interface ReleaseTables {
  releases: ReleasesTable;
}
