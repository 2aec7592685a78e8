import type { Handlers } from '../../../shared/contract/types';
import type { SessionService } from './session-service';

/** The `account` area: the signed-in person's profile and password. */
export function createAccountHandlers(session: SessionService): Pick<Handlers, 'account'> {
  return {
    account: {
      get: () => session.getAccount(),
      update: (patch) => session.updateAccount(patch),
      changePassword: async (input) => {
        await session.changePassword(input);
        return null;
      },
    },
  };
}
