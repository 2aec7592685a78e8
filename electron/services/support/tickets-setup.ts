import { arch, release } from 'node:os';
import type { Handlers } from '../../../shared/contract/types';
import type { ApiClient } from '../api/api-client';
import type { AppInfo } from '../app/app-handlers';
import type { AppEvents } from '../events/app-events';
import { describeError, type Logger, silentLogger } from '../log/logger';
import type { SessionService } from '../session/session-service';
import { describeMachine } from '../this-computer/machine-description';
import type { ThisComputerService } from '../this-computer/this-computer-service';
import { collectDiagnostics } from './diagnostics';
import { createDiagnosticsPreviews } from './diagnostics-previews';
import { createTicketsHandlers, createTicketViewing } from './tickets-handlers';
import { latestAgentReply, type SupportReply } from './tickets-replies';

export interface TicketsSupport {
  handlers: Pick<Handlers, 'tickets'>;
  /** The ticket the window shows, or null. */
  viewing(): string | null;
  /** Support answered a ticket (`ticket.updated` with a new agent message): the OS notification's cue. */
  onReply(listener: (reply: SupportReply) => void): () => void;
  stop(): void;
}

/**
 * Support tickets wired: the handlers, the diagnostics they preview and send, which ticket
 * is on screen, and the replies the account's events announce.
 */
export function createTicketsSupport(options: {
  api: ApiClient;
  session: Pick<SessionService, 'state'>;
  thisComputer: Pick<ThisComputerService, 'status'>;
  appInfo: AppInfo;
  events: AppEvents;
  logFile?: string | undefined;
  logger?: Logger;
  /** The OS as named (tests give their own; systeminformation can be slow). */
  describeOs?: () => Promise<{ name: string; version: string; arch: string }>;
}): TicketsSupport {
  const { api, session, thisComputer, appInfo, events, logger = silentLogger } = options;
  const viewing = createTicketViewing();
  const previews = createDiagnosticsPreviews({
    collect: () =>
      collectDiagnostics({
        app: { version: appInfo.version, host: appInfo.host, platform: appInfo.platform },
        os: options.describeOs ?? (async () => ({ name: (await describeMachine()).os, version: release(), arch: arch() })),
        protection: () => thisComputer.status(),
        logFile: options.logFile,
        accountEmail: async () => (await session.state()).user?.email ?? null,
      }),
  });
  const handlers = createTicketsHandlers({ api, previews, viewing });
  const listeners = new Set<(reply: SupportReply) => void>();

  const offChanged = events.on('tickets.changed', ({ ticketId }) => {
    if (listeners.size === 0) return;
    handlers.tickets.get({ id: ticketId }, undefined).then(
      (thread) => {
        const reply = latestAgentReply(thread);
        if (reply) for (const listener of listeners) listener(reply);
      },
      (error: unknown) => logger.warn('could not read the ticket support answered', { error: describeError(error) }),
    );
  });
  const offSession = events.on('session.changed', (state) => {
    // What was collected for one account is not kept for the next.
    if (state.user === null) {
      previews.clear();
      viewing.set(null);
    }
  });

  return {
    handlers,
    viewing: () => viewing.current(),
    onReply(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      offChanged();
      offSession();
      listeners.clear();
      previews.clear();
    },
  };
}
