import type { SecretSlot, TokenVault } from './token-vault';

/** The accounts whose device tokens an installation keeps; the one used longest ago goes first. */
export const DEVICE_TOKEN_ACCOUNTS = 20;

/** As the service compares addresses (shared emailSchema): trimmed and lower-cased. */
const accountKey = (email: string): string => email.trim().toLowerCase();

/** `[email, token]` pairs, the most recently signed-in account last; anything else reads as none. */
function parse(stored: string | null): [string, string][] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [];
    return value.filter((pair): pair is [string, string] => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string');
  } catch {
    return [];
  }
}

/**
 * The device tokens of the accounts used on this installation, kept as one secret of the
 * vault (so they are protected exactly as the refresh token is). Writes go one at a time,
 * so two sign-ins finishing together cannot drop each other's token.
 */
export function deviceTokensIn(slot: SecretSlot): Pick<TokenVault, 'deviceToken' | 'setDeviceToken'> {
  let writes: Promise<void> = Promise.resolve();
  return {
    async deviceToken(email) {
      await writes;
      const key = accountKey(email);
      return parse(await slot.get()).find(([account]) => account === key)?.[1] ?? null;
    },
    setDeviceToken(email, token) {
      const key = accountKey(email);
      const write = writes.then(async () => {
        const others = parse(await slot.get()).filter(([account]) => account !== key);
        await slot.set(JSON.stringify([...others, [key, token]].slice(-DEVICE_TOKEN_ACCOUNTS)));
      });
      writes = write.catch(() => {});
      return write;
    },
  };
}
