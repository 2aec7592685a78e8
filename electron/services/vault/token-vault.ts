/**
 * Where the refresh token lives between launches. `secure` means an OS key store protects
 * it (it survives a restart); `memory` means it is gone when the app quits. The kind may
 * change while the app runs (Linux key store backends come and go), so read it each time.
 */
export type VaultKind = 'secure' | 'memory';

export interface TokenVault {
  readonly kind: VaultKind;
  get(): Promise<string | null>;
  set(secret: string): Promise<void>;
  clear(): Promise<void>;
}
