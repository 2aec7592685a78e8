import { createHash } from 'node:crypto';
import {
  ticketListSchema,
  ticketMessageSchema,
  ticketSchema,
  ticketThreadSchema,
} from '../../../shared/api/support-tickets';
import { AppFailure } from '../../../shared/errors';
import type { Handlers } from '../../../shared/contract/types';
import type { ApiClient } from '../api/api-client';
import type { DiagnosticsPreviews } from './diagnostics-previews';

/** Which ticket the window shows, so a reply to it raises no OS notification. */
export interface TicketViewing {
  set(id: string | null): void;
  current(): string | null;
}

export function createTicketViewing(): TicketViewing {
  let id: string | null = null;
  return { set: (next) => void (id = next), current: () => id };
}

/**
 * One attempt of one draft: a double click or a retry after a lost answer sends the same
 * request under the same key, and the service makes one ticket. The content is part of the
 * key because the service refuses one key for two different requests (422): a draft
 * edited after a refusal is a new attempt.
 */
export function ticketIdempotencyKey(draftId: string, body: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22);
  return `ticket-${draftId}-${digest}`;
}

const path = (id: string, rest = '') => `/v1/support/tickets/${encodeURIComponent(id)}${rest}`;

/**
 * The `tickets` area: docs/api.md "Support", customers' tickets, as the signed-in account
 * (the token stays here). The service's refusals arrive as they are: `TICKET_CLOSED`,
 * `NOT_FOUND`, `VALIDATION_FAILED` with its fields, `NETWORK_OFFLINE`; the renderer words them.
 */
export function createTicketsHandlers(options: {
  api: ApiClient;
  previews: DiagnosticsPreviews;
  viewing: TicketViewing;
}): Pick<Handlers, 'tickets'> {
  const { api, previews, viewing } = options;
  return {
    tickets: {
      list: () => api.request({ method: 'GET', path: '/v1/support/tickets', schema: ticketListSchema, auth: true }),
      get: ({ id }) => api.request({ method: 'GET', path: path(id), schema: ticketThreadSchema, auth: true }),
      previewDiagnostics: () => previews.create(),
      create: ({ draftId, diagnosticsPreviewId, ...ticket }) => {
        let diagnostics: Record<string, unknown> | undefined;
        if (diagnosticsPreviewId !== undefined) {
          diagnostics = previews.get(diagnosticsPreviewId);
          // Sending fresh diagnostics the person never saw would break the promise of the preview.
          if (diagnostics === undefined) {
            throw new AppFailure({
              code: 'VALIDATION_FAILED',
              message: 'That diagnostics preview is no longer kept; show it again before sending.',
              details: { fields: { diagnosticsPreviewId: { code: 'expired', message: 'Unknown or expired preview.' } } },
            });
          }
        }
        const body = { ...ticket, ...(diagnostics !== undefined && { diagnostics }) };
        return api.request({
          method: 'POST',
          path: '/v1/support/tickets',
          body,
          schema: ticketThreadSchema,
          auth: true,
          idempotencyKey: ticketIdempotencyKey(draftId, body),
        });
      },
      reply: ({ id, body }) =>
        api.request({ method: 'POST', path: path(id, '/messages'), body: { body }, schema: ticketMessageSchema, auth: true }),
      // An empty JSON body: the service refuses a JSON POST with none at all.
      close: ({ id }) => api.request({ method: 'POST', path: path(id, '/close'), body: {}, schema: ticketSchema, auth: true }),
      viewing: async ({ id }) => {
        viewing.set(id ?? null);
        return null;
      },
    },
  };
}
