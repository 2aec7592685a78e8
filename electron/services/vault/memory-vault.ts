import { deviceTokensIn } from './device-token-map';
import type { SecretSlot, TokenVault } from './token-vault';

/** One secret held for this run only. */
export function memorySlot(): SecretSlot {
  let secret: string | null = null;
  return {
    get: async () => secret,
    set: async (value) => {
      secret = value;
    },
    clear: async () => {
      secret = null;
    },
  };
}

/** Keeps the refresh token and device tokens for this run only: the user signs in again next launch. */
export function createMemoryVault(): TokenVault {
  const refresh = memorySlot();
  return {
    kind: 'memory',
    get: refresh.get,
    set: refresh.set,
    clear: refresh.clear,
    ...deviceTokensIn(memorySlot()),
  };
}
