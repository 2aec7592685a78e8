import type { Db } from '../../db/database';

/**
 * Which agents are on duty, across instances: one row per authenticated agent socket,
 * refreshed on a heartbeat. A row an instance stopped refreshing (it died) expires, so a
 * customer is not queued for an agent who is gone.
 */
export const PRESENCE_REFRESH_MS = 10_000;
export const PRESENCE_TTL_MS = 3 * PRESENCE_REFRESH_MS;

export async function markPresent(db: Db, socketId: string, agentUserId: string, now: Date): Promise<void> {
  await db
    .insertInto('chat_agent_presence')
    .values({ id: socketId, agent_user_id: agentUserId, expires_at: new Date(now.getTime() + PRESENCE_TTL_MS) })
    .onConflict((oc) => oc.column('id').doUpdateSet({ expires_at: new Date(now.getTime() + PRESENCE_TTL_MS) }))
    .execute();
}

/** The heartbeat: this instance's sockets stay present; rows nobody refreshed go. */
export async function refreshPresence(db: Db, socketIds: string[], now: Date): Promise<void> {
  if (socketIds.length > 0) {
    await db.updateTable('chat_agent_presence').set({ expires_at: new Date(now.getTime() + PRESENCE_TTL_MS) }).where('id', 'in', socketIds).execute();
  }
  await db.deleteFrom('chat_agent_presence').where('expires_at', '<=', now).execute();
}

export async function markGone(db: Db, socketIds: string[]): Promise<void> {
  if (socketIds.length > 0) await db.deleteFrom('chat_agent_presence').where('id', 'in', socketIds).execute();
}

export async function agentsOnDuty(db: Db, now: Date): Promise<boolean> {
  return (await db.selectFrom('chat_agent_presence').select('id').where('expires_at', '>', now).limit(1).executeTakeFirst()) !== undefined;
}
