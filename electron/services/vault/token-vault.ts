/**
 * Where the refresh token lives between launches. `secure` means an OS key store protects
 * it (it survives a restart); `memory` means it is gone when the app quits. The kind may
 * change while the app runs (Linux key store backends come and go), so read it each time.
 */
export type VaultKind = 'secure' | 'memory';

export interface TokenVault {
  readonly kind: VaultKind;
  /** The refresh token of the session on this installation. */
  get(): Promise<string | null>;
  set(secret: string): Promise<void>;
  /** Forgets the refresh token (sign-out); the device tokens stay. */
  clear(): Promise<void>;
  /**
   * The device token this installation got at its last sign-in to the account of `email`
   * (compared trimmed and lower-cased, as the service does). It belongs to the installation,
   * not to a session, so sign-out keeps it: with it, a sign-in is judged by its own failure
   * count, and a stranger's wrong passwords cannot lock this installation out.
   */
  deviceToken(email: string): Promise<string | null>;
  setDeviceToken(email: string, token: string): Promise<void>;
}

/** One secret the vault keeps: the refresh token, or the map of device tokens. */
export interface SecretSlot {
  get(): Promise<string | null>;
  set(secret: string): Promise<void>;
  clear(): Promise<void>;
}
