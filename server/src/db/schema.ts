import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Language } from '../../../shared/i18n/languages';
import type { BillingTables } from '../billing/billing-tables';
import type { MailAndJobTables } from '../mail/outbox-tables';
import type { ReleaseTables } from '../releases/release-tables';
import type { AgentTables } from '../support/agent-tables';
import type { ChatTables } from '../support/chat/chat-tables';
import type { TicketTables } from '../support/ticket-tables';
import type { ProtectionTables } from './protection-tables';
import type { SecurityTables } from './security-tables';

/** Timestamps are written from the service clock (`config.now()`), never by SQL `now()`. */
type Timestamp = ColumnType<Date, Date, Date>;

export interface UsersTable {
  id: string;
  /** Trimmed and lower-cased, so comparisons are case-insensitive. */
  email: string;
  name: string;
  password_hash: string;
  email_confirmed_at: Timestamp | null;
  /** Wrong passwords in a row since the last success or lockout. */
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  /** The last wrong password: failures more than a day older are forgotten (identity/lockout.ts). */
  last_failed_login_at: Timestamp | null;
  mfa_enabled: Generated<boolean>;
  /** What its e-mails are written in; English unless chosen at sign-up or since. */
  language: Generated<Language>;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type EmailTokenPurpose = 'confirm_email' | 'reset_password';

export interface EmailTokensTable {
  /** sha256 of the token, hex; the token itself is only ever in the e-mail. */
  token_hash: string;
  user_id: string;
  purpose: EmailTokenPurpose;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  /** argon2id of the code the same e-mail shows for typing (migration 0011); null on older rows. */
  code_hash: string | null;
  /** Wrong tries the code has left; 0 once spent. */
  code_tries_left: ColumnType<number, number | undefined, number>;
  /** Sent outside the per-account limit, and not counted by it: the lock e-mail's link (bounded by the lock). */
  outside_limit: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Tries at a code for an address with none live to try (identity/email-codes.ts, migration 0011). */
export interface UnknownAddressCodeTriesTable {
  email_hash: string;
  purpose: EmailTokenPurpose;
  tries_left: number;
  expires_at: Timestamp;
}

/**
 * A session is one sign-in on one device and is the refresh-token family: every token
 * rotated from that sign-in belongs to it, and revoking it ends them all.
 */
export interface SessionsTable {
  id: string;
  user_id: string;
  device_name: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  /** Where the sign-in came from (the socket address); with device_name it tells a new device. */
  client_address: string | null;
}

export interface RefreshTokensTable {
  /** sha256 of the token, hex. */
  token_hash: string;
  session_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Set when rotated (or on sign-out); presenting it again is reuse. */
  used_at: Timestamp | null;
}

/**
 * One per account and installation (migration 0006): a sign-in that presents the token is
 * judged by its own count of wrong passwords and codes, not by the account's lock.
 */
export interface DeviceTokensTable {
  id: string;
  /** sha256 of the token, hex; the token itself is only ever in the app's key store. */
  token_hash: string;
  user_id: string;
  failed_count: Generated<number>;
  last_failed_at: Timestamp | null;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

/** Failures of addresses that have no account, counted and locked as an account's are (migration 0006). */
export interface UnknownAddressFailuresTable {
  /** sha256 of the normalised address, hex. */
  email_hash: string;
  failed_count: Generated<number>;
  last_failed_at: Timestamp;
  locked_until: Timestamp | null;
  /** A day after the last failure, or when the lock ends if later: then the row is forgotten. */
  expires_at: Timestamp;
}

/** What changed in an account, for the event stream (migration 0010, events/account-events.ts). */
export interface AccountEventsTable {
  /** bigserial: the event's id on the stream. node-postgres reads it as a string. */
  seq: ColumnType<string | number | bigint, never, never>;
  user_id: string;
  type: string;
  data: ColumnType<unknown, string, never>;
  created_at: Timestamp;
}

/** The protection tables are declared in protection-tables.ts, the 2-step verification ones in security-tables.ts, the mail outbox and job schedule in mail/outbox-tables.ts. */
export interface Database extends ProtectionTables, SecurityTables, MailAndJobTables, ReleaseTables, BillingTables, TicketTables, AgentTables, ChatTables {
  users: UsersTable;
  email_tokens: EmailTokensTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  device_tokens: DeviceTokensTable;
  unknown_address_failures: UnknownAddressFailuresTable;
  unknown_address_code_tries: UnknownAddressCodeTriesTable;
  account_events: AccountEventsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Session = Selectable<SessionsTable>;
