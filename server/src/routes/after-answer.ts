import type { FastifyReply } from 'fastify';

/**
 * Runs `work` once the answer has gone out (or the client has gone away), so nothing the
 * work does — a database look-up, a password hash, an e-mail — can show in what the client
 * gets back or in how long it took. A failure is logged with the request's id: the client
 * has its answer already, and an unhandled rejection would take the process down.
 */
export function afterAnswer(reply: FastifyReply, what: string, work: () => Promise<unknown>): void {
  reply.raw.once('close', () => {
    Promise.resolve()
      .then(work)
      .catch((error: unknown) => reply.log.error({ err: error }, `${what} failed after its answer`));
  });
}
