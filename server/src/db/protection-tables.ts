import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DevicePlatform, DeviceStatus } from '../../../shared/api/devices';
import type { PlanId } from '../../../shared/plans';

/** Written from the service clock, like every timestamp in schema.ts. */
type Timestamp = ColumnType<Date, Date, Date>;

/** Tables of migration 0002_protection; listed in `Database` in schema.ts. */

export interface SubscriptionsTable {
  id: string;
  user_id: string;
  plan: PlanId;
  seats: number;
  starts_at: Timestamp;
  expires_at: Timestamp;
  auto_renew: Generated<boolean>;
  created_at: Timestamp;
  /** Billing (migration 0013): the card it renews with. */
  payment_method_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The term in years it was last bought or renewed for: what automatic renewal buys again. */
  term_years: Generated<number>;
  /** The last automatic charge that failed in this term, and why (tried again at most daily). */
  renewal_declined_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  renewal_decline_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The expiry each reminder (30 and 7 days before) and the end-of-protection e-mail was sent for: once per term. */
  reminded_30_for: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reminded_7_for: ColumnType<Date | null, Date | null | undefined, Date | null>;
  ended_notice_for: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ProductKeysTable {
  /** sha256 of the canonical key, hex. */
  key_hash: string;
  plan: PlanId;
  term_years: number;
  created_at: Timestamp;
  used_at: Timestamp | null;
  used_by: string | null;
  subscription_id: string | null;
  /** The key's last five symbols, kept when it is spent (migration 0009), for the subscription card. */
  last_group: string | null;
}

export type DeactivatedReason = 'removed' | 'transferred';

export interface DevicesTable {
  id: string;
  user_id: string;
  subscription_id: string;
  name: string;
  os: string;
  platform: DevicePlatform;
  app_version: string;
  /** Both hashed again with the service secret (devices/component-keys.ts) once `components_keyed`. */
  fingerprint: string;
  components: string[];
  /** False on rows written without the service secret (from before it, the demo seed): keyed once at start. */
  components_keyed: Generated<boolean>;
  status: DeviceStatus;
  registered_at: Timestamp;
  last_seen_at: Timestamp;
  deactivated_at: Timestamp | null;
  deactivated_reason: DeactivatedReason | null;
  replaces_device_id: string | null;
}

/** A seat freed (deactivation or move) of migration 0008: what the seat-change limit counts. */
export interface SeatChangesTable {
  /** The device that was deactivated; a device is deactivated once. */
  device_id: string;
  subscription_id: string;
  reason: DeactivatedReason;
  changed_at: Timestamp;
}

export interface IdempotencyRecordsTable {
  user_id: string;
  key: string;
  route: string;
  request_hash: string;
  status_code: number | null;
  /** The JSON body of the first response, as sent. */
  response_body: string | null;
  created_at: Timestamp;
}

export interface DeviceInvitationsTable {
  /** sha256 of the token, hex. */
  token_hash: string;
  user_id: string;
  email: string | null;
  platform: DevicePlatform;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ProtectionTables {
  subscriptions: SubscriptionsTable;
  product_keys: ProductKeysTable;
  devices: DevicesTable;
  seat_changes: SeatChangesTable;
  idempotency_records: IdempotencyRecordsTable;
  device_invitations: DeviceInvitationsTable;
}

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type DeviceRow = Selectable<DevicesTable>;
