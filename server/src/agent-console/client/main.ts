import type { Session } from './api-client';
import { consoleView } from './console-view';
import { el } from './dom';
import { language, type MessageId, t } from './i18n';
import { signInView } from './sign-in-view';

/**
 * The support console in the browser: sign-in, then the tickets and the chat desk. The
 * tokens live in this module's closures only, so a reload signs out.
 */
const root = document.getElementById('console');
if (root) {
  document.documentElement.lang = language;
  document.title = t('agentConsole.documentTitle');
  let closeConsole: (() => void) | undefined;

  const showSignIn = (notice?: MessageId) => {
    closeConsole?.();
    closeConsole = undefined;
    root.replaceChildren(
      el(
        'div',
        { class: 'signed-out' },
        el('header', {}, el('h1', {}, t('agentConsole.title'))),
        el('main', {}, signInView({ ...(notice && { notice: t(notice) }), onSignedIn: showConsole, onSessionEnded: () => showSignIn('agentConsole.signIn.ended') })),
      ),
    );
  };

  const showConsole = (session: Session) => {
    const signedIn = consoleView(session, {
      onSignOut: () => {
        void session.signOut();
        showSignIn();
      },
    });
    closeConsole = signedIn.close;
    root.replaceChildren(signedIn.view);
  };

  showSignIn();
}
