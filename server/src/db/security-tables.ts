import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
/** bigint comes back from pg as a string; written as a number. */
type BigIntColumn = ColumnType<string, number, number>;

/** An account's TOTP secret: pending until a code confirms it (`enabled_at`). */
export interface TotpCredentialsTable {
  user_id: string;
  /** AES-256-GCM sealed base32 secret (see identity/mfa-keys.ts). */
  secret_sealed: string;
  enabled_at: Timestamp | null;
  last_used_step: BigIntColumn | null;
  created_at: Timestamp;
}

export interface RecoveryCodesTable {
  /** HMAC-SHA256 of the normalised code under a key in DATA_DIR, hex. */
  code_hash: string;
  user_id: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

/** The second step of a sign-in: the `mfaToken` (hashed) and what the session will carry. */
export interface MfaChallengesTable {
  token_hash: string;
  user_id: string;
  device_name: string | null;
  client_address: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  /** The device token the sign-in came with (migration 0006): its second step is judged by that token's count. */
  device_token_id: string | null;
}

/** The tables of 2-step verification and sign-in notices (migration 0003_security). */
export interface SecurityTables {
  totp_credentials: TotpCredentialsTable;
  recovery_codes: RecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
}
