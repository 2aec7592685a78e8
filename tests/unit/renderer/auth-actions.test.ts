// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { signIn, signOut, signUp, verifySecondStep } from '../../../renderer/src/actions/auth-actions';
import { useLanguageStore } from '../../../renderer/src/i18n/language-store';
import { useSessionStore } from '../../../renderer/src/stores/session-store';
import { alex, createFakeApi, failure, ok, signedIn } from './support/fake-api';
import { resetStores } from './support/render-app';

beforeEach(() => resetStores());

describe('the auth actions', () => {
  it('sign up in the language the app speaks; the pseudo-locale signs up in English', async () => {
    const { api } = createFakeApi();
    const details = { name: 'Alex Morgan', email: 'alex@example.com', password: 'violet harbour lantern' };

    useLanguageStore.getState().chose('de');
    expect(await signUp(api, details)).toEqual(ok({ email: 'alex@example.com' }));
    expect(api.auth.signUp).toHaveBeenLastCalledWith({ ...details, language: 'de' });

    useLanguageStore.setState({ locale: 'en-XA' });
    await signUp(api, details);
    expect(api.auth.signUp).toHaveBeenLastCalledWith({ ...details, language: 'en' });
  });

  it('put the signed-in session in the store, and leave it alone when a second step is needed or it fails', async () => {
    const { api } = createFakeApi({ auth: { signIn: async () => ok({ status: 'mfaRequired' as const }) } });
    expect(await signIn(api, alex.email, 'correct horse')).toEqual(ok({ status: 'mfaRequired' }));
    expect(useSessionStore.getState().session).toBeNull();

    api.auth.verifyMfa = async () => failure('MFA_INVALID');
    expect((await verifySecondStep(api, '999999')).ok).toBe(false);
    expect(useSessionStore.getState().session).toBeNull();

    api.auth.verifyMfa = async () => ok(signedIn);
    await verifySecondStep(api, '123456');
    expect(useSessionStore.getState().session?.user).toEqual(alex);
  });

  it('sign out here at once, keeping where the session was stored; a failed sign-out keeps the session', async () => {
    const { api } = createFakeApi();
    useSessionStore.getState().received({ user: alex, storage: 'memory' });

    api.auth.signOut = async () => failure('NETWORK_OFFLINE');
    expect((await signOut(api)).ok).toBe(false);
    expect(useSessionStore.getState().session?.user).toEqual(alex);

    api.auth.signOut = async () => ok(null);
    await signOut(api);
    expect(useSessionStore.getState().session).toEqual({ user: null, storage: 'memory' });
  });

  it('answer a broken transport as a Result, never a rejection', async () => {
    const { api } = createFakeApi({ auth: { signIn: () => Promise.reject(new Error('socket closed')) } });
    expect(await signIn(api, alex.email, 'correct horse')).toMatchObject({ ok: false, error: { code: 'UNKNOWN' } });
  });
});
