import { z } from 'zod';
import { ticketSchema, ticketStatuses, ticketThreadSchema } from './support-tickets';

/** docs/api.md "Support": what support staff see and do at `/v1/agent/*`. */

export const ticketCustomerSchema = z.object({ name: z.string(), email: z.string() });

export const agentTicketSchema = ticketSchema.extend({ customer: ticketCustomerSchema });
export type AgentTicket = z.infer<typeof agentTicketSchema>;
export const agentTicketListSchema = z.array(agentTicketSchema);

/** The thread with the customer and the diagnostics they chose to send (null when none). */
export const agentTicketThreadSchema = ticketThreadSchema.extend({
  customer: ticketCustomerSchema,
  diagnostics: z.record(z.string(), z.unknown()).nullable(),
});
export type AgentTicketThread = z.infer<typeof agentTicketThreadSchema>;

export const agentTicketQuerySchema = z.object({ status: z.enum(ticketStatuses).optional() }).strict();

export const agentTicketPatchSchema = z.object({ status: z.enum(ticketStatuses) }).strict();
