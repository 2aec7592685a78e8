import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentSecurityPolicy, hardeningHeaders } from '../services/security/content-security-policy';
import { cacheControlOf, contentTypeOf, resolveRendererFile } from '../services/static/renderer-files';

/**
 * The renderer is served from `app://palisade/` rather than file://: a real origin the IPC
 * sender check and the CSP can name, and no access to the rest of the file system.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'palisade';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready. */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer (out/renderer) under the app origin, with the CSP on every response. */
export function serveRenderer(rendererDir: string) {
  const headers = { ...hardeningHeaders, 'Content-Security-Policy': contentSecurityPolicy() };
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST && request.method === 'GET' ? await resolveRendererFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers });
    return new Response(await readFile(file), {
      headers: { ...headers, 'Content-Type': contentTypeOf(file), 'Cache-Control': cacheControlOf(file) },
    });
  });
}
