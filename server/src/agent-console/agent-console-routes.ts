import type { FastifyPluginAsync } from 'fastify';
import { ServiceError } from '../http/service-error';
import { requestLanguage } from '../i18n/request-language';
import { memoisedConsoleBundle } from './console-bundle';
import { consolePage } from './console-page';

export const AGENT_CONSOLE_PATH = '/agent';

/**
 * The page may talk to this origin only, runs only the bundled script, and cannot be framed
 * or post a form anywhere: customer text shown in it can never become markup that runs.
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Hashed names change with their content, so a browser may keep them for good. */
const ASSET_ROUTE = `${AGENT_CONSOLE_PATH}/:file`;

const LONG_CACHE = 'public, max-age=31536000, immutable';

/**
 * docs/api.md "Support": the support agents' console at `/agent`, a page and its bundled
 * script and stylesheet (built once, on first request). It holds no data of its own: the
 * script signs in and uses `/v1/agent/*` and `/v1/agent/chat` like any client.
 */
export const agentConsoleRoutes: FastifyPluginAsync = async (app) => {
  const bundle = memoisedConsoleBundle();

  // The service's own onSend hook says no-store for every answer; this one runs after it
  // (this plugin's hooks come after the root's) and lets only the hashed assets be kept.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 200 && request.routeOptions.url === ASSET_ROUTE) void reply.header('cache-control', LONG_CACHE);
    return payload;
  });

  app.get(AGENT_CONSOLE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const html = consolePage(requestLanguage(request.headers['accept-language']), await bundle());
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CONSOLE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .header('vary', 'Accept-Language')
      .send(html);
  });

  app.get<{ Params: { file: string } }>(ASSET_ROUTE, { schema: { hide: true } }, async (request, reply) => {
    const { script, stylesheet } = await bundle();
    const asset = [script, stylesheet].find((candidate) => candidate.name === request.params.file);
    if (!asset) throw new ServiceError('NOT_FOUND', 'There is no such file.');
    return reply
      .header('content-type', asset.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(asset.body);
  });
};
