import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export type ChatStatus = 'queued' | 'noAgents' | 'active' | 'ended' | 'ticketed';

/** Migrations 0021, 0022. */
export interface ChatTables {
  support_chats: {
    id: string;
    user_id: string;
    customer_name: string;
    status: ChatStatus;
    agent_user_id: string | null;
    agent_name: string | null;
    ticket_id: string | null;
    created_at: Timestamp;
    ended_at: ColumnType<Date | null, Date | null, Date | null>;
    /** Pushed forward while the customer's socket is open on some instance. */
    customer_alive_until: ColumnType<Date | null, Date | null, Date | null>;
  };
  chat_messages: {
    id: string;
    /** bigint: read as text by the PostgreSQL driver; only ordered by. */
    seq: Generated<string>;
    chat_id: string;
    author: 'customer' | 'agent';
    author_name: string;
    body: string;
    created_at: Timestamp;
  };
  chat_agent_presence: { id: string; agent_user_id: string; expires_at: Timestamp };
}
export type ChatRow = Selectable<ChatTables['support_chats']>;
export type ChatMessageRow = Omit<Selectable<ChatTables['chat_messages']>, 'seq'>;
