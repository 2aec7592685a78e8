import type { Account } from '../../../shared/api/account';
import type { SignedIn, TokenPair } from '../../../shared/api/identity';
import type { AccountUpdate } from '../../../shared/contract/account';
import type { SignUpInput } from '../../../shared/contract/auth';
import type { SessionState, SessionUser } from '../../../shared/contract/session';
import { AppFailure, type ErrorCode, isTransientFailure } from '../../../shared/errors';
import type { AccountApi } from '../api/account-api';
import type { AccessTokenSource } from '../api/api-client';
import type { IdentityApi } from '../api/identity-api';
import type { AppEvents } from '../events/app-events';
import { type Logger, describeError, silentLogger } from '../log/logger';
import type { TokenVault } from '../vault/token-vault';
import { extractEmailToken } from '../../../shared/contract/links';
import { isEmailCodeShaped } from '../../../shared/email-code';
import { passwordJustChosen } from './password-just-chosen';

export interface SessionServiceOptions {
  identity: IdentityApi;
  account: AccountApi;
  vault: TokenVault;
  /** Shown in the account's session list ("Palisade on Anna's laptop"); a function is asked at each sign-in. */
  deviceName?: string | (() => string);
  logger?: Logger;
  now?: () => number;
  /**
   * Where the session says what changed: `session.changed` whenever who is signed in, or
   * where the session is kept, changes; `session.signedOut` when someone signs out here.
   */
  events?: AppEvents;
  /**
   * How long a sign-in waits for its second factor: a little less than the service's 5
   * minutes, so an expired challenge reads "sign in again" here instead of a refused code there.
   */
  mfaTtlMs?: number;
}

export type SignInOutcome = { status: 'signedIn'; session: SessionState } | { status: 'mfaRequired' };

export interface SessionService {
  /** Restores the session from the vault (once); `state()` waits for it. */
  start(): Promise<void>;
  state(): Promise<SessionState>;
  /** The bearer token for API calls: refreshed single-flight when expired or rejected. */
  accessToken: AccessTokenSource;
  signUp(input: SignUpInput): Promise<{ email: string }>;
  /** With `email`, an 8-character code is sent as the e-mail's code; signs in when the password just chosen is still held. */
  confirmEmail(code: string, email?: string): Promise<{ status: 'confirmed' } | { status: 'signedIn'; session: SessionState }>;
  resendConfirmation(email: string): Promise<void>;
  signIn(input: { email: string; password: string }): Promise<SignInOutcome>;
  verifyMfa(code: string): Promise<SessionState>;
  signOut(): Promise<void>;
  requestPasswordReset(email: string): Promise<void>;
  resetPassword(code: string, password: string, email?: string): Promise<void>;
  getAccount(): Promise<Account>;
  updateAccount(patch: AccountUpdate): Promise<Account>;
  /** Changes the password; the service ends the other sessions and keeps this one. */
  changePassword(input: { currentPassword: string; newPassword: string }): Promise<void>;
  /** The service has already ended this session (sign out everywhere, say): forget it here, without asking the service again. */
  forget(reason: string): Promise<void>;
  /** Called when the service is reachable again: finishes a restore the network interrupted. */
  resume(): void;
  /** Re-announces the state (the vault's kind changed, say). */
  announce(): void;
}

/** Answers that mean the refresh token is dead: the session is over. */
const sessionEndingCodes: ReadonlySet<ErrorCode> = new Set(['REFRESH_INVALID', 'REFRESH_REUSED']);
const codeOf = (error: unknown): ErrorCode | undefined => (error instanceof AppFailure ? error.code : undefined);

const notSignedIn = () => new AppFailure({ code: 'NOT_SIGNED_IN', message: 'Sign in to continue.' });

const toUser = (account: Account): SessionUser => ({
  id: account.id,
  email: account.email,
  name: account.name,
  mfaEnabled: account.mfaEnabled,
});

/**
 * Owns the session: the access token in memory, the refresh token and the installation's
 * device tokens in the vault, who is signed in. Nothing here returns a token to its callers
 * except `accessToken`, which only the API client uses; handlers return users and session
 * states.
 */
export function createSessionService(options: SessionServiceOptions): SessionService {
  const { identity, account, vault, deviceName, logger = silentLogger, now = Date.now, events, mfaTtlMs = 5 * 60_000 - 15_000 } = options;

  let access: { token: string; expiresAt: number } | null = null;
  let user: SessionUser | null = null;
  /** A sign-in waiting for its second step; `email` names the account whose device token it ends with. */
  let mfa: { token: string; expiresAt: number; email: string } | null = null;
  const chosenPassword = passwordJustChosen(now);
  let refreshing: Promise<string> | null = null;
  /** Bumped on every sign-in and sign-out, so a refresh that started before cannot resurrect an old session. */
  let generation = 0;
  let restoring: Promise<void> | null = null;
  let restoreInterrupted = false;

  const snapshot = (): SessionState => ({ user, storage: vault.kind });
  const announce = () => events?.emit('session.changed', snapshot());

  function keepAccess(pair: TokenPair) {
    // Refresh a little early, so a token does not expire between the check and the request.
    const margin = Math.min(30_000, (pair.expiresIn * 1000) / 2);
    access = { token: pair.accessToken, expiresAt: now() + pair.expiresIn * 1000 - margin };
  }

  async function end(reason: string) {
    generation++;
    const wasSignedIn = user !== null;
    access = null;
    refreshing = null;
    user = null;
    mfa = null;
    restoreInterrupted = false;
    await vault.clear();
    logger.info('session ended', { reason });
    if (wasSignedIn) announce();
  }

  async function refresh(): Promise<string> {
    const started = generation;
    const refreshToken = await vault.get();
    if (!refreshToken) {
      if (user !== null) await end('no refresh token');
      throw notSignedIn();
    }
    let pair: TokenPair;
    try {
      pair = await identity.refresh(refreshToken);
    } catch (error) {
      const code = codeOf(error);
      if (code && sessionEndingCodes.has(code) && started === generation) await end(code === 'REFRESH_REUSED' ? 'refresh token reused' : 'refresh token invalid');
      throw error;
    }
    if (started !== generation) {
      // Signed out (or in as someone else) meanwhile: this pair belongs to a session that is over.
      identity.logout(pair.refreshToken).catch(() => {});
      throw notSignedIn();
    }
    await vault.set(pair.refreshToken);
    keepAccess(pair);
    return pair.accessToken;
  }

  /** One refresh at a time: every caller that finds the token stale waits for the same request. */
  function refreshOnce(): Promise<string> {
    if (!refreshing) {
      const current = refresh().finally(() => {
        if (refreshing === current) refreshing = null;
      });
      refreshing = current;
    }
    return refreshing;
  }

  const accessToken: AccessTokenSource = async ({ rejected } = {}) => {
    if (access && access.expiresAt > now() && access.token !== rejected) return access.token;
    return refreshOnce();
  };

  async function establish(pair: TokenPair): Promise<SessionState> {
    generation++;
    refreshing = null;
    mfa = null;
    restoreInterrupted = false;
    const started = generation;
    const previous = await vault.get();
    keepAccess(pair);
    await vault.set(pair.refreshToken);
    // Another account's session on this machine ends here; tell the service so it does not linger.
    if (previous && previous !== pair.refreshToken) identity.logout(previous).catch(() => {});
    let profile: Account;
    try {
      profile = await account.get();
    } catch (error) {
      // Signed in, but the profile did not arrive: finish when the service is reachable again.
      if (isTransientFailure(codeOf(error))) restoreInterrupted = true;
      throw error;
    }
    if (started !== generation) throw notSignedIn();
    user = toUser(profile);
    logger.info('signed in', { userId: user.id });
    announce();
    return snapshot();
  }

  /**
   * Every completed sign-in hands out the installation's device token for the account (a new
   * value each time); the vault keeps it beside the refresh token, across sign-out. A vault
   * that cannot keep it costs only this: the next sign-in is judged as a new installation's.
   */
  async function keepDeviceToken(email: string, signedIn: SignedIn) {
    try {
      await vault.setDeviceToken(email, signedIn.deviceToken);
    } catch (error) {
      logger.warn('could not keep the device token', { error: describeError(error) });
    }
  }

  async function restore(): Promise<void> {
    if (!(await vault.get())) return;
    const started = generation;
    try {
      await refreshOnce();
      const profile = await account.get();
      if (started !== generation) return;
      user = toUser(profile);
      restoreInterrupted = false;
      logger.info('session restored', { userId: user.id });
      announce();
    } catch (error) {
      const code = codeOf(error);
      if (isTransientFailure(code)) {
        restoreInterrupted = true;
        logger.warn('could not restore the session yet; will retry when online', { errorCode: code });
      } else if (!code || !sessionEndingCodes.has(code)) {
        logger.warn('could not restore the session', { error: describeError(error) });
      }
    }
  }

  function updateUser(profile: Account) {
    if (!user || user.id !== profile.id) return;
    const next = toUser(profile);
    const changed = Object.keys(next).some((k) => next[k as keyof SessionUser] !== user?.[k as keyof SessionUser]);
    user = next;
    if (changed) announce();
  }

  /** The typed code with its address when it looks like one, else the link's token. */
  function codeOrToken(code: string, email: string | undefined): { token: string } | { email: string; code: string } {
    if (email !== undefined && isEmailCodeShaped(code)) return { email, code };
    return { token: emailToken(code) };
  }

  function emailToken(code: string): string {
    const token = extractEmailToken(code);
    if (!token) throw new AppFailure({ code: 'TOKEN_INVALID', message: 'That code is not in the right format. Copy it again from the e-mail.' });
    return token;
  }

  const service: SessionService = {
    start() {
      restoring ??= restore();
      return restoring;
    },
    async state() {
      await service.start();
      return snapshot();
    },
    accessToken,
    async signUp({ email, password, name, language }) {
      // The language the app speaks, so the account's e-mails arrive in it.
      await identity.signup({ email, password, name, ...(language !== undefined && { language }) });
      chosenPassword.keep(email, password);
      return { email };
    },
    async confirmEmail(code, email) {
      await identity.confirm(codeOrToken(code, email));
      const password = email === undefined ? null : chosenPassword.take(email);
      if (email === undefined || password === null) return { status: 'confirmed' };
      // Signing in may still fail (2-step cannot be on yet, but the service may be gone): the address is confirmed either way.
      const outcome = await service.signIn({ email, password }).catch(() => null);
      return outcome?.status === 'signedIn' ? outcome : { status: 'confirmed' };
    },
    resendConfirmation: (email) => identity.resendConfirmation(email),
    async signIn({ email, password }) {
      const name = typeof deviceName === 'function' ? deviceName() : deviceName;
      // With this installation's token the sign-in is judged by its own failures, not by a lock others caused.
      const deviceToken = await vault.deviceToken(email).catch(() => null);
      const answer = await identity.login({ email, password, ...(name !== undefined && { deviceName: name }), ...(deviceToken !== null && { deviceToken }) });
      if ('mfaRequired' in answer) {
        // The MFA token stays here; the renderer only learns that a code is needed.
        mfa = { token: answer.mfaToken, expiresAt: now() + mfaTtlMs, email };
        return { status: 'mfaRequired' };
      }
      await keepDeviceToken(email, answer);
      return { status: 'signedIn', session: await establish(answer) };
    },
    async verifyMfa(code) {
      if (!mfa || mfa.expiresAt <= now()) {
        mfa = null;
        throw new AppFailure({ code: 'NOT_SIGNED_IN', message: 'Your sign-in took too long. Enter your e-mail and password again.' });
      }
      // Codes are pasted as "123 456"; no code or recovery code contains a space.
      const { email } = mfa;
      const signedIn = await identity.mfa({ mfaToken: mfa.token, code: code.replace(/\s+/g, '') });
      await keepDeviceToken(email, signedIn);
      return establish(signedIn);
    },
    async signOut() {
      const refreshToken = await vault.get();
      // Signed out here first, so it holds even when the service cannot be reached.
      await end('signed out');
      // Also when the session was never restored (an offline start): what belongs to the account here is forgotten.
      events?.emit('session.signedOut', {});
      if (refreshToken) {
        await identity.logout(refreshToken).catch((error: unknown) => logger.warn('could not revoke the session on the service', { error: describeError(error) }));
      }
    },
    requestPasswordReset: (email) => identity.forgotPassword(email),
    resetPassword: async (code, password, email) => identity.resetPassword({ ...codeOrToken(code, email), password }),
    async getAccount() {
      const profile = await account.get();
      updateUser(profile);
      return profile;
    },
    async updateAccount(patch) {
      const profile = await account.update(patch);
      updateUser(profile);
      return profile;
    },
    changePassword: (input) => account.changePassword(input),
    forget: (reason) => end(reason),
    resume() {
      if (!restoreInterrupted || user !== null) return;
      restoreInterrupted = false;
      restoring = restore();
    },
    announce,
  };
  return service;
}
