import type { AccountSession, TotpSetup } from '../../../shared/contract/security';
import type { Result } from '../../../shared/errors';
import type { OutputOf, PalisadeApi } from '../../../shared/contract/types';
import { settle } from '../api/settle';
import { useSessionStore } from '../stores/session-store';

/**
 * Shows a change of 2-step verification at once; the main process also pushes
 * session.changed, which says the same, so this only saves a moment of the old state.
 */
function reflectTwoStep(enabled: boolean) {
  const { session, received } = useSessionStore.getState();
  if (session?.user) received({ ...session, user: { ...session.user, mfaEnabled: enabled } });
}

/** This session has ended (the main process says so with session.changed too): leave the shell now. */
function signedOutHere() {
  const { session, received } = useSessionStore.getState();
  received({ user: null, storage: session?.storage ?? 'secure' });
}

/** A new secret and its otpauth:// URL (needs the password); nothing changes on the account until `turnOnTwoStep`. */
export function startTwoStepSetup(api: PalisadeApi, password: string): Promise<Result<TotpSetup>> {
  return settle(() => api.security.startTotpSetup({ password }));
}

/** Turns 2-step verification on with a code from the app; answers with the recovery codes, shown once. */
export async function turnOnTwoStep(
  api: PalisadeApi,
  code: string,
): Promise<Result<OutputOf<'security', 'enableTotp'>>> {
  const result = await settle(() => api.security.enableTotp({ code }));
  if (result.ok) reflectTwoStep(true);
  return result;
}

export async function turnOffTwoStep(api: PalisadeApi, password: string): Promise<Result<null>> {
  const result = await settle(() => api.security.disableTotp({ password }));
  if (result.ok) reflectTwoStep(false);
  return result;
}

/** This device first, then the most recently used. */
const byRelevance = (a: AccountSession, b: AccountSession) =>
  Number(b.current) - Number(a.current) || Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt);

/** Where the account is signed in, this device first. */
export async function listSessions(api: PalisadeApi): Promise<Result<AccountSession[]>> {
  const result = await settle(() => api.security.listSessions({}));
  return result.ok ? { ok: true, value: [...result.value].sort(byRelevance) } : result;
}

/** Ends one session; when it turns out to be this one, the app leaves the shell. */
export async function endSession(api: PalisadeApi, id: string): Promise<Result<OutputOf<'security', 'endSession'>>> {
  const result = await settle(() => api.security.endSession({ id }));
  if (result.ok && result.value.signedOut) signedOutHere();
  return result;
}

/** Ends every session, this one included. */
export async function signOutEverywhere(api: PalisadeApi): Promise<Result<null>> {
  const result = await settle(() => api.security.signOutEverywhere({}));
  if (result.ok) signedOutHere();
  return result;
}

/** The service ends the other sessions whenever the password changes; this one stays. */
export function changePassword(api: PalisadeApi, currentPassword: string, newPassword: string): Promise<Result<null>> {
  return settle(() => api.account.changePassword({ currentPassword, newPassword }));
}
