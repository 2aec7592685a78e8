import type { UpdateStatus } from '../../../shared/contract/updates';
import type { Handlers } from '../../../shared/contract/types';

/** The `updates` area: the desktop app answers from its updater when it has one, else from the feed. */
export function createUpdatesHandlers(status: () => Promise<UpdateStatus>): Pick<Handlers, 'updates'> {
  return { updates: { status } };
}
