import type { Handlers } from '../../../shared/contract/types';
import type { AccountSecurity } from './account-security';

/** The `security` area: 2-step verification and the account's sessions. */
export function createSecurityHandlers(security: AccountSecurity): Pick<Handlers, 'security'> {
  return {
    security: {
      startTotpSetup: ({ password }) => security.startTotpSetup(password),
      enableTotp: ({ code }) => security.enableTotp(code),
      disableTotp: async ({ password }) => {
        await security.disableTotp(password);
        return null;
      },
      listSessions: () => security.listSessions(),
      endSession: ({ id }) => security.endSession(id),
      signOutEverywhere: async () => {
        await security.signOutEverywhere();
        return null;
      },
    },
  };
}
