import type { NetworkState } from '../../../shared/contract/app';
import type { Handlers } from '../../../shared/contract/types';

export interface AppInfo {
  version: string;
  platform: 'win32' | 'darwin' | 'linux';
  host: 'electron' | 'browser';
}

export interface AppHandlerServices {
  appInfo: AppInfo;
  /** Whether the account service can be reached, and why not. */
  networkState(): NetworkState;
  /** Opens a vetted https link in the system browser. */
  openExternal(url: string): Promise<void>;
  /** The page came to the front: the services learn it as `window.focused`. */
  windowFocused?: () => void;
}

/** The `app` area: what the app is and where it runs, and opening links outside it. */
export function createAppHandlers({ appInfo, networkState, openExternal, windowFocused }: AppHandlerServices): Pick<Handlers, 'app'> {
  return {
    app: {
      info: async () => {
        const { online, reason } = networkState();
        return { ...appInfo, online, ...(reason !== undefined && { offlineReason: reason }) };
      },
      openExternal: async ({ url }) => {
        await openExternal(url);
        return null;
      },
      focused: async () => {
        windowFocused?.();
        return null;
      },
    },
  };
}
