import type { Handlers } from '../../../shared/contract/types';

export interface AppInfo {
  version: string;
  platform: 'win32' | 'darwin' | 'linux';
  host: 'electron' | 'browser';
}

export interface AppHandlerServices {
  appInfo: AppInfo;
  isOnline(): boolean;
  /** Opens a vetted https link in the system browser. */
  openExternal(url: string): Promise<void>;
}

/** The `app` area: what the app is and where it runs, and opening links outside it. */
export function createAppHandlers({ appInfo, isOnline, openExternal }: AppHandlerServices): Pick<Handlers, 'app'> {
  return {
    app: {
      info: async () => ({ ...appInfo, online: isOnline() }),
      openExternal: async ({ url }) => {
        await openExternal(url);
        return null;
      },
    },
  };
}
