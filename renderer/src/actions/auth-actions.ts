import type { SessionState } from '../../../shared/contract/session';
import type { InputOf, OutputOf, PalisadeApi } from '../../../shared/contract/types';
import type { Result } from '../../../shared/errors';
import { languageOf } from '../../../shared/i18n/languages';
import { settle } from '../api/settle';
import { useLanguageStore } from '../i18n/language-store';
import { useSessionStore } from '../stores/session-store';

/**
 * Signing up, in and out, and getting back into an account: each asks the main process,
 * puts what changed in the session store and answers the Result, so screens keep only
 * what the form shows. The main process also pushes session.changed; updating the store
 * here only saves the moment until it arrives.
 */

export type SignInOutcome = OutputOf<'auth', 'signIn'>;

/** Signs in; when the account has 2-step verification the outcome asks for the second step instead. */
export async function signIn(api: PalisadeApi, email: string, password: string): Promise<Result<SignInOutcome>> {
  const result = await settle(() => api.auth.signIn({ email, password }));
  if (result.ok && result.value.status === 'signedIn') useSessionStore.getState().received(result.value.session);
  return result;
}

/** The second step: a code from the authenticator app or a recovery code. */
export async function verifySecondStep(api: PalisadeApi, code: string): Promise<Result<SessionState>> {
  const result = await settle(() => api.auth.verifyMfa({ code }));
  if (result.ok) useSessionStore.getState().received(result.value);
  return result;
}

/** Creates the account in the language the app speaks, so its e-mails arrive in it. */
export function signUp(
  api: PalisadeApi,
  details: Omit<InputOf<'auth', 'signUp'>, 'language'>,
): Promise<Result<OutputOf<'auth', 'signUp'>>> {
  const language = languageOf(useLanguageStore.getState().locale);
  return settle(() => api.auth.signUp({ ...details, language }));
}

export type ConfirmOutcome = OutputOf<'auth', 'confirmEmail'>;

/**
 * Confirms the e-mail address with the code from the e-mail (typed, with the address it went
 * to) or the whole link pasted; signed in at once when the main process still holds the
 * password just chosen.
 */
export async function confirmEmail(api: PalisadeApi, code: string, email?: string): Promise<Result<ConfirmOutcome>> {
  const result = await settle(() => api.auth.confirmEmail({ code, ...(email !== undefined && { email }) }));
  if (result.ok && result.value.status === 'signedIn') useSessionStore.getState().received(result.value.session);
  return result;
}

/** A new confirmation e-mail; the answer is the same whatever the address. */
export function resendConfirmation(api: PalisadeApi, email: string): Promise<Result<null>> {
  return settle(() => api.auth.resendConfirmation({ email }));
}

/** Asks for a reset link; the answer is the same whether or not the account exists. */
export function requestPasswordReset(api: PalisadeApi, email: string): Promise<Result<null>> {
  return settle(() => api.auth.requestPasswordReset({ email }));
}

/** Sets a new password with the code from the reset e-mail (with its address) or its link; every other session ends. */
export function resetPassword(api: PalisadeApi, code: string, password: string, email?: string): Promise<Result<null>> {
  return settle(() => api.auth.resetPassword({ code, password, ...(email !== undefined && { email }) }));
}

/** Signs out here; the shell gives way to the sign-in screen at once. */
export async function signOut(api: PalisadeApi): Promise<Result<null>> {
  const result = await settle(() => api.auth.signOut({}));
  if (result.ok) {
    const { session, received } = useSessionStore.getState();
    received({ user: null, storage: session?.storage ?? 'secure' });
  }
  return result;
}
