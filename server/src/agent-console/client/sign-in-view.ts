import { ApiError, Session, signInApi } from './api-client';
import { el, field } from './dom';
import { errorText } from './error-text';
import { t } from './i18n';

/**
 * E-mail and password, then the 2-step code when the service asks for it. Only an account
 * that `/v1/agent/*` answers is let in: anyone else is told plainly and signed out again.
 */
export function signInView(options: { notice?: string; onSignedIn: (session: Session) => void; onSessionEnded: () => void }): HTMLElement {
  const alert = el('p', { class: 'alert', role: 'alert' }, options.notice ?? '');
  const status = el('p', { role: 'status', class: 'status' });
  const email = field(t('agentConsole.signIn.email'), el('input', { type: 'email', name: 'email', autocomplete: 'username', required: true }));
  const password = field(t('agentConsole.signIn.password'), el('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true }));
  const passwordForm = el('form', { novalidate: true }, email.wrapper, password.wrapper, el('button', { type: 'submit' }, t('agentConsole.signIn.submit')));
  const code = field(t('agentConsole.signIn.code'), el('input', { type: 'text', name: 'code', autocomplete: 'one-time-code', inputmode: 'text', required: true }));
  const codeForm = el('form', { novalidate: true, hidden: true }, el('p', {}, t('agentConsole.signIn.codeIntro')), code.wrapper, el('button', { type: 'submit' }, t('agentConsole.signIn.verify')));
  const heading = el('h2', { tabindex: '-1' }, t('agentConsole.signIn.heading'));
  const view = el('section', { class: 'sign-in', 'aria-labelledby': 'sign-in-heading' }, heading, alert, passwordForm, codeForm, status);
  heading.id = 'sign-in-heading';
  let mfaToken = '';
  let busy = false;

  const fail = (message: string, focus: HTMLElement) => {
    status.textContent = '';
    alert.textContent = message;
    focus.focus();
  };

  /** The tokens work for `/v1/agent/*`, or the account is not staff and is signed out again. */
  const admit = async (tokens: { accessToken: string; refreshToken: string; expiresIn: number }) => {
    const session = new Session(tokens, options.onSessionEnded);
    try {
      await session.request('GET', '/v1/agent/tickets?status=open');
    } catch (error) {
      const notAgent = error instanceof ApiError && error.status === 403;
      await session.signOut();
      mfaToken = '';
      codeForm.hidden = true;
      passwordForm.hidden = false;
      fail(notAgent ? t('agentConsole.signIn.notAgent') : errorText(error), email.control);
      return;
    }
    options.onSignedIn(session);
  };

  const attempt = async (step: () => Promise<void>) => {
    if (busy) return;
    busy = true;
    alert.textContent = '';
    status.textContent = t('agentConsole.signIn.working');
    try {
      await step();
    } finally {
      busy = false;
    }
  };

  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!email.control.value.trim() || !password.control.value) return fail(t('agentConsole.signIn.required'), email.control.value.trim() ? password.control : email.control);
    void attempt(async () => {
      try {
        const answer = await signInApi.login(email.control.value.trim(), password.control.value);
        if ('mfaRequired' in answer) {
          mfaToken = answer.mfaToken;
          passwordForm.hidden = true;
          codeForm.hidden = false;
          status.textContent = '';
          code.control.focus();
          return;
        }
        password.control.value = '';
        await admit(answer);
      } catch (error) {
        fail(errorText(error), password.control);
      }
    });
  });

  codeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!code.control.value.trim()) return fail(t('agentConsole.signIn.codeRequired'), code.control);
    void attempt(async () => {
      try {
        const tokens = await signInApi.mfa(mfaToken, code.control.value.trim());
        password.control.value = '';
        code.control.value = '';
        await admit(tokens);
      } catch (error) {
        // A used-up or expired challenge cannot be retried: start again from the password.
        if (error instanceof ApiError && error.code !== 'MFA_INVALID') {
          codeForm.hidden = true;
          passwordForm.hidden = false;
          code.control.value = '';
          return fail(errorText(error), password.control);
        }
        fail(errorText(error), code.control);
      }
    });
  });

  queueMicrotask(() => (options.notice ? heading.focus() : email.control.focus()));
  return view;
}
