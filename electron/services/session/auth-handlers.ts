import type { Handlers } from '../../../shared/contract/types';
import type { SessionService } from './session-service';

/**
 * The `session` and `auth` areas: who is signed in, and signing up, in and out.
 * `afterSignOut` runs also when the session was never restored (an offline start), so what
 * belongs to the account on this computer is forgotten either way.
 */
export function createAuthHandlers(
  session: SessionService,
  afterSignOut: () => void = () => {},
): Pick<Handlers, 'session' | 'auth'> {
  return {
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
        afterSignOut();
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
  };
}
