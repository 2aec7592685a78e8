import type { DialectAdapter } from 'kysely';
import type { Db } from '../db/database';

type Listener = (userId: string, seq: number) => void;

/**
 * In-process announcements of recorded events, for the embedded database (one process).
 * Keyed by the database's dialect adapter, which a Kysely instance shares with its
 * transactions, so an event reaches only the fan-out of the database it was written to
 * (tests run several services in one process).
 *
 * Announcing inside a transaction is safe: PGlite is one connection, which the
 * transaction holds until COMMIT, so the fan-out's read of the event waits for the commit
 * and finds nothing after a rollback.
 */
const listeners = new WeakMap<DialectAdapter, Listener>();

export function listenForLocalEvents(db: Db, listener: Listener): () => void {
  const adapter = db.getExecutor().adapter;
  listeners.set(adapter, listener);
  return () => {
    if (listeners.get(adapter) === listener) listeners.delete(adapter);
  };
}

export function announceCommittedEvent(db: Pick<Db, 'getExecutor'>, userId: string, seq: number): void {
  listeners.get(db.getExecutor().adapter)?.(userId, seq);
}
