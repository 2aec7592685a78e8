import { app, type Session, shell } from 'electron';
import { isVettedExternalUrl } from '../services/links/external-url';
import type { Logger } from '../services/log/logger';
import { contentSecurityPolicy } from '../services/security/content-security-policy';
import { isPermissionAllowed } from '../services/security/permissions';
import { APP_ORIGIN, APP_SCHEME } from './app-protocol';

/**
 * The renderer's session: every permission denied but clipboard writes from the app itself
 * (see isPermissionAllowed), every network request refused except
 * the app's own bundle (the renderer talks to the account service only through the main
 * process), and in development the dev server with the CSP added to its responses.
 */
export function hardenSession(session: Session, { devOrigin, logger }: { devOrigin: string | undefined; logger: Logger }) {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, APP_ORIGIN);
    if (!allowed) logger.warn('denied a permission request', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, APP_ORIGIN),
  );
  session.setDevicePermissionHandler(() => false);

  const devSocket = devOrigin?.replace(/^http/, 'ws');
  const allowed = (url: string) =>
    url.startsWith(`${APP_SCHEME}://`) ||
    url.startsWith('devtools://') ||
    url.startsWith('data:') ||
    url.startsWith('blob:') ||
    (devOrigin !== undefined && (url.startsWith(`${devOrigin}/`) || url.startsWith(`${devSocket}/`)));

  session.webRequest.onBeforeRequest((details, callback) => {
    if (allowed(details.url)) return callback({});
    logger.warn('blocked a renderer request', { url: details.url.slice(0, 200) });
    callback({ cancel: true });
  });

  if (devOrigin) {
    // Production responses carry the CSP from the app:// handler; the dev server's need it added.
    const csp = contentSecurityPolicy({ dev: true, connect: [`${devSocket}`] });
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }
}

/** No navigation away from the app, no new windows, no <webview>; vetted https links go to the system browser. */
export function hardenWebContents(logger: Logger) {
  app.on('web-contents-created', (_event, contents) => {
    const openOutside = (url: string) => {
      if (isVettedExternalUrl(url)) void shell.openExternal(url);
      else logger.warn('refused to open a link', { scheme: url.split(':')[0] });
    };
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      openOutside(url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openOutside(url);
      return { action: 'deny' };
    });
  });
}
