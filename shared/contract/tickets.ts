import { z } from 'zod';
import { isoTimeSchema } from '../api/subscriptions';
import {
  MAX_DIAGNOSTICS_BYTES,
  newTicketSchema,
  ticketBodySchema,
  ticketListSchema,
  ticketMessageSchema,
  ticketSchema,
  ticketThreadSchema,
} from '../api/support-tickets';
import { event, invoke, none, nothing } from './define';

const ticketId = z.string().min(1).max(128);
const ticketRef = z.object({ id: ticketId }).strict();
const previewId = z.uuid();

/**
 * What the app collected for support, exactly as it would be sent: the app, the operating
 * system, this computer's protection and the log's last lines, every line redacted.
 */
export const diagnosticsReportSchema = z.object({
  collectedAt: isoTimeSchema,
  app: z.object({ version: z.string(), host: z.enum(['electron', 'browser']), platform: z.string() }),
  os: z.object({ name: z.string(), version: z.string(), arch: z.string() }),
  protection: z.object({
    state: z.string(),
    protectedUntil: isoTimeSchema.nullable(),
    leaseExpiresAt: isoTimeSchema.nullable(),
    lastCheckedAt: isoTimeSchema.nullable(),
    offline: z.boolean(),
    deviceId: z.string().nullable(),
  }),
  log: z.object({
    lines: z.array(z.string()),
    /** Older lines left out so the whole report stays under the service's limit. */
    linesLeftOut: z.number().int().nonnegative(),
    /** How many secrets (tokens, codes, addresses, keys, serials) were replaced in these lines. */
    redactions: z.number().int().nonnegative(),
  }),
});
export type DiagnosticsReport = z.infer<typeof diagnosticsReportSchema>;

/**
 * A preview: the report and its id. The main process keeps the report under that id, and
 * `create` sends that kept object, so what was shown is what is sent (and the renderer
 * cannot put anything else in its place).
 */
export const diagnosticsPreviewSchema = z.object({
  previewId,
  report: diagnosticsReportSchema,
  bytes: z.number().int().nonnegative().max(MAX_DIAGNOSTICS_BYTES),
});
export type DiagnosticsPreview = z.infer<typeof diagnosticsPreviewSchema>;

export const newTicketInputSchema = newTicketSchema
  .omit({ diagnostics: true })
  .extend({
    /** One per form: a repeat (a double click, a retry) of the same draft makes one ticket. */
    draftId: z.uuid(),
    /** The preview the person saw and chose to attach; absent: no diagnostics. */
    diagnosticsPreviewId: previewId.optional(),
  })
  .strict();
export type NewTicketInput = z.infer<typeof newTicketInputSchema>;

/**
 * Support tickets (docs/api.md "Support"): the account's list, a thread, replies, close,
 * and diagnostics the person sees before choosing to send them.
 */
export const ticketsContract = {
  tickets: {
    /** Newest first. */
    list: invoke(none, ticketListSchema),
    get: invoke(ticketRef, ticketThreadSchema),
    previewDiagnostics: invoke(none, diagnosticsPreviewSchema),
    create: invoke(newTicketInputSchema, ticketThreadSchema),
    reply: invoke(z.object({ id: ticketId, body: ticketBodySchema }).strict(), ticketMessageSchema),
    close: invoke(ticketRef, ticketSchema),
    /** The ticket the window shows now (no `id`: none): a reply to it needs no OS notification. */
    viewing: invoke(z.object({ id: ticketId.optional() }).strict(), nothing),
  },
} as const;

export const ticketsEvents = {
  /** Support answered or changed the status of this ticket (the account event `ticket.updated`): read it again. */
  'tickets.changed': event(z.object({ ticketId: z.string() })),
} as const;

export type { Ticket, TicketMessage, TicketStatus, TicketThread } from '../api/support-tickets';
