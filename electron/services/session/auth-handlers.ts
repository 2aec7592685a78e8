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
      confirmEmail: ({ code, email }) => session.confirmEmail(code, email),
      resendConfirmation: async ({ email }) => {
        await session.resendConfirmation(email);
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
      resetPassword: async ({ code, email, password }) => {
        await session.resetPassword(code, password, email);
        return null;
      },
    },
  };
}
