import { z } from 'zod';
import { multiLineText, singleLineText } from '../text';
import { isoTimeSchema } from './subscriptions';

/** docs/api.md "Support": tickets. */

export const ticketCategories = ['account', 'billing', 'devices', 'installation', 'other'] as const;
export const ticketStatuses = ['open', 'waiting', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** At most 256 KB of JSON text: what the app collected and the user chose to send. */
export const MAX_DIAGNOSTICS_BYTES = 256 * 1024;

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

export const diagnosticsSchema = z
  .record(z.string(), z.unknown())
  .refine((value) => jsonBytes(value) <= MAX_DIAGNOSTICS_BYTES, { message: `At most ${MAX_DIAGNOSTICS_BYTES} bytes of JSON text.` });

export const ticketBodySchema = multiLineText({ min: 1, max: 10_000 });

export const newTicketSchema = z
  .object({
    subject: singleLineText({ min: 1, max: 200 }),
    category: z.enum(ticketCategories),
    body: ticketBodySchema,
    diagnostics: diagnosticsSchema.optional(),
  })
  .strict();

export const ticketReplySchema = z.object({ body: ticketBodySchema }).strict();

export const ticketSchema = z.object({
  id: z.string(),
  number: z.string().regex(/^T-\d{6}$/),
  subject: z.string(),
  category: z.enum(ticketCategories),
  status: z.enum(ticketStatuses),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketMessageSchema = z.object({
  id: z.string(),
  author: z.enum(['customer', 'agent']),
  authorName: z.string(),
  body: z.string(),
  createdAt: isoTimeSchema,
});
export type TicketMessage = z.infer<typeof ticketMessageSchema>;

export const ticketThreadSchema = ticketSchema.extend({ messages: z.array(ticketMessageSchema) });
export type TicketThread = z.infer<typeof ticketThreadSchema>;
export const ticketListSchema = z.array(ticketSchema);
