import type { AccountSession, TotpSetup } from '../../../shared/contract/security';
import type { SecurityApi } from '../api/security-api';
import { type Logger, describeError, silentLogger } from '../log/logger';
import type { SessionService } from './session-service';

export interface AccountSecurity {
  /** Needs the password: an access token alone must not turn 2-step verification on. */
  startTotpSetup(password: string): Promise<TotpSetup>;
  /** Turns 2-step verification on; the recovery codes go to the person once and are never kept here. */
  enableTotp(code: string): Promise<{ recoveryCodes: string[] }>;
  disableTotp(password: string): Promise<void>;
  listSessions(): Promise<AccountSession[]>;
  /** Ends one session; when it is this app's own, this app is signed out. */
  endSession(id: string): Promise<{ signedOut: boolean }>;
  /** Ends every session of the account on the service, then this one here. */
  signOutEverywhere(): Promise<void>;
}

/** Settings → Security in the main process: the security routes, kept in step with the local session. */
export function createAccountSecurity({ api, session, logger = silentLogger }: { api: SecurityApi; session: SessionService; logger?: Logger }): AccountSecurity {
  /** `mfaEnabled` changed on the service: reload the profile so session.changed carries it. */
  async function refreshUser() {
    try {
      await session.getAccount();
    } catch (error) {
      // The change itself succeeded; the profile catches up on the next load.
      logger.warn('could not reload the account after a security change', { error: describeError(error) });
    }
  }

  return {
    startTotpSetup: (password) => api.setupTotp(password),
    async enableTotp(code) {
      const answer = await api.enableTotp(code);
      await refreshUser();
      return answer;
    },
    async disableTotp(password) {
      await api.disableTotp(password);
      await refreshUser();
    },
    listSessions: () => api.listSessions(),
    async endSession(id) {
      const sessions = await api.listSessions();
      if (sessions.find((s) => s.id === id)?.current) {
        // Signing out revokes this session's refresh token and clears the vault in one step.
        await session.signOut();
        return { signedOut: true };
      }
      await api.endSession(id);
      return { signedOut: false };
    },
    async signOutEverywhere() {
      // Only once the service has ended them all: if it cannot be reached, nothing has ended and the person can try again.
      await api.logoutAll();
      await session.forget('signed out everywhere');
    },
  };
}
