import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { ApiProvider } from './api/api-context';
import { resolveApi } from './api/resolve-api';
import { App } from './app/App';
import { I18nProvider } from './i18n/I18nProvider';
import { LaunchLinkScreen } from './app/BootScreens';
import { forwardFocus, watchBridge } from './stores/connect-stores';
import './styles/theme.css';
import './styles/base.css';
import './styles/forms.css';
import './styles/layout.css';
// The shared components' own styles, loaded at start: the screens that use them load later.
import './components/CodeField.css';
import './components/CopyButton.css';
import './components/Dialog.css';
import './components/EmptyState.css';
import './components/PlatformIcon.css';
import './components/QrCode.css';
import './components/SeatMeter.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

async function boot() {
  let resolved;
  try {
    resolved = await resolveApi();
  } catch {
    root.render(
      <I18nProvider>
        <HashRouter>
          <LaunchLinkScreen status="closed" />
        </HashRouter>
      </I18nProvider>,
    );
    return;
  }
  const { api, bridge } = resolved;
  if (bridge) {
    watchBridge(bridge, api);
    // Electron's window reports its own focus; a browser tab says so through the bridge.
    forwardFocus(api);
  }
  // Hash routing: Electron loads the app from file://, where paths cannot be served.
  root.render(
    <StrictMode>
      <ApiProvider api={api}>
        <I18nProvider>
          <HashRouter>
            <App />
          </HashRouter>
        </I18nProvider>
      </ApiProvider>
    </StrictMode>,
  );
}

void boot();
