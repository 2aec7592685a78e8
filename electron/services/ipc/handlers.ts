import type { Handlers } from '../../../shared/contract/types';
import { createProtectionHandlers, type ProtectionServices } from '../devices/protection-handlers';
import type { AccountSecurity } from '../session/account-security';
import type { SessionService } from '../session/session-service';

export interface AppInfo {
  version: string;
  platform: 'win32' | 'darwin' | 'linux';
  host: 'electron' | 'browser';
}

export interface HandlerServices {
  session: SessionService;
  security: AccountSecurity;
  protection: ProtectionServices;
  appInfo: AppInfo;
  isOnline(): boolean;
  /** Opens a vetted https link in the system browser. */
  openExternal(url: string): Promise<void>;
}

/** Every channel of the contract, answered by the services. Handlers throw AppFailure; the dispatcher makes Results. */
export function createHandlers({ session, security, protection, appInfo, isOnline, openExternal }: HandlerServices): Handlers {
  return {
    app: {
      info: async () => ({ ...appInfo, online: isOnline() }),
      openExternal: async ({ url }) => {
        await openExternal(url);
        return null;
      },
    },
    session: {
      get: () => session.state(),
    },
    auth: {
      signUp: (input) => session.signUp(input),
      confirmEmail: async ({ code }) => {
        await session.confirmEmail(code);
        return null;
      },
      signIn: (input) => session.signIn(input),
      verifyMfa: ({ code }) => session.verifyMfa(code),
      signOut: async () => {
        await session.signOut();
        // Also when the session was never restored (offline start): the account's device is forgotten here.
        protection.thisComputer.signedOut();
        return null;
      },
      requestPasswordReset: async ({ email }) => {
        await session.requestPasswordReset(email);
        return null;
      },
      resetPassword: async ({ code, password }) => {
        await session.resetPassword(code, password);
        return null;
      },
    },
    account: {
      get: () => session.getAccount(),
      update: (patch) => session.updateAccount(patch),
      changePassword: async (input) => {
        await session.changePassword(input);
        return null;
      },
    },
    security: {
      startTotpSetup: () => security.startTotpSetup(),
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
    ...createProtectionHandlers(protection),
  };
}
