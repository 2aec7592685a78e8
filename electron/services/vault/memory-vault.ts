import type { TokenVault } from './token-vault';

/** Keeps the refresh token for this run only: the user signs in again next launch. */
export function createMemoryVault(): TokenVault {
  let secret: string | null = null;
  return {
    kind: 'memory',
    get: async () => secret,
    set: async (value) => {
      secret = value;
    },
    clear: async () => {
      secret = null;
    },
  };
}
