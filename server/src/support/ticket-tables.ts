import type { ColumnType, Selectable } from 'kysely';
import type { TicketStatus } from '../../../shared/api/support-tickets';

type Timestamp = ColumnType<Date, Date, Date>;

/** Migration 0018. */
export interface TicketTables {
  ticket_counter: { id: number; last_number: number };
  support_tickets: {
    id: string;
    number: string;
    user_id: string;
    subject: string;
    category: 'account' | 'billing' | 'devices' | 'installation' | 'other';
    status: TicketStatus;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  ticket_messages: {
    id: string;
    ticket_id: string;
    author: 'customer' | 'agent';
    author_name: string;
    body: string;
    created_at: Timestamp;
  };
  ticket_diagnostics: { ticket_id: string; content: string; created_at: Timestamp };
}
export type TicketRow = Selectable<TicketTables['support_tickets']>;
export type TicketMessageRow = Selectable<TicketTables['ticket_messages']>;
