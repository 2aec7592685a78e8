import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach } from 'vitest';
import type { PalisadeApi } from '../../../../shared/contract/types';
import { ApiProvider } from '../../../../renderer/src/api/api-context';
import { App } from '../../../../renderer/src/app/App';
import { I18nProvider } from '../../../../renderer/src/i18n/I18nProvider';
import { useLanguageStore } from '../../../../renderer/src/i18n/language-store';
import { useConnectionStore } from '../../../../renderer/src/stores/connection-store';
import { useNetworkStore } from '../../../../renderer/src/stores/network-store';
import { useSessionStore } from '../../../../renderer/src/stores/session-store';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());

/** Stores are module singletons; each test starts from a fresh boot. */
export function resetStores() {
  useSessionStore.setState(useSessionStore.getInitialState(), true);
  useNetworkStore.setState(useNetworkStore.getInitialState(), true);
  useConnectionStore.setState(useConnectionStore.getInitialState(), true);
  useLanguageStore.setState(useLanguageStore.getInitialState(), true);
}

/** The whole app, as main.tsx mounts it, on an in-memory router at `path` (with optional location state). */
export function renderApp(api: PalisadeApi, path = '/', state?: unknown, options: Parameters<typeof userEvent.setup>[0] = {}) {
  resetStores();
  const user = userEvent.setup(options);
  // StrictMode as in main.tsx: effects run twice, which catches effects that are not idempotent.
  const view = render(
    <StrictMode>
      <ApiProvider api={api}>
        <I18nProvider>
          <MemoryRouter initialEntries={[{ pathname: path, state }]}>
            <App />
          </MemoryRouter>
        </I18nProvider>
      </ApiProvider>
    </StrictMode>,
  );
  return { user, ...view };
}

/** The polite status message (not the empty banner region) whose text matches. */
export function findStatus(text: string) {
  return waitFor(() => {
    const statuses = screen.queryAllByRole('status');
    const match = statuses.find((el) => el.textContent?.includes(text));
    if (!match) throw new Error(`No status says "${text}"; found: ${statuses.map((s) => JSON.stringify(s.textContent)).join(', ')}`);
    return match;
  });
}
