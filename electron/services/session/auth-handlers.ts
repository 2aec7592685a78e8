import type { Handlers } from '../../../shared/contract/types';
import type { SessionService } from './session-service';

/** The `session` and `auth` areas: who is signed in, and signing up, in and out. */
export function createAuthHandlers(session: SessionService): Pick<Handlers, 'session' | 'auth'> {
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
        // The session tells the rest of the app (`session.signedOut`), this computer included.
        await session.signOut();
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
