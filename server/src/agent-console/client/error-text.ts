import { ApiError } from './api-client';
import { hasMessage, type MessageId, t } from './i18n';

/** Codes the console words for an agent rather than with the app's sentence for a customer. */
const consoleWording: Partial<Record<string, MessageId>> = {
  FORBIDDEN: 'agentConsole.error.FORBIDDEN',
  TICKET_CLOSED: 'agentConsole.error.TICKET_CLOSED',
  NOT_FOUND: 'agentConsole.error.NOT_FOUND',
  NETWORK: 'agentConsole.error.network',
};

/**
 * The one place an error becomes a sentence: the console's own wording, else the catalogue's
 * sentence for the code, else (a code newer than this console) the envelope's message.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.UNKNOWN');
  const own = consoleWording[error.code];
  if (own) return t(own);
  const shared = `errors.${error.code}`;
  if (hasMessage(shared)) return t(shared);
  return t('agentConsole.error.unknown', { status: String(error.status), message: error.message });
}
