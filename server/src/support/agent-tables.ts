import type { ColumnType } from 'kysely';

/** Migration 0019. */
export interface AgentTables {
  support_agents: { user_id: string; created_at: ColumnType<Date, Date, Date> };
}
