import type { FastifyInstance } from 'fastify';

/**
 * Answers carry account data and tokens: no cache (browser, proxy or disk) keeps them, and
 * no browser guesses a type other than the one sent. Set on every answer, errors and 404s
 * included, so no route can forget.
 */
export function installNoStoreHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('cache-control', 'no-store');
    void reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
}
