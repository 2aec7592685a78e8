import type { FastifyReply } from 'fastify';

/** An empty 202/204 answer (typed replies insist on a body that matches a schema). */
export function noContent(reply: { code(status: number): unknown }, status: 202 | 204 = 204): FastifyReply {
  return (reply as FastifyReply).code(status).send();
}
