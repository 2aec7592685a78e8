import { useEffect, useRef } from 'react';
import type { ChatMessage } from '../../../../../shared/contract/chat';
import { useFormat, useT } from '../../../i18n/use-t';

/**
 * The conversation: a live log, so a screen reader reads each new message once, politely.
 * It scrolls, so it takes focus (arrow keys scroll it).
 */
export function ChatLog({ messages, agentName }: { messages: readonly ChatMessage[]; agentName: string | null }) {
  const t = useT();
  const intl = useFormat();
  const ref = useRef<HTMLDivElement>(null);

  // The newest message in view, as in any chat.
  useEffect(() => {
    const log = ref.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length]);

  return (
    <div ref={ref} className="chat-log" role="log" aria-live="polite" aria-label={t('chat.log.label')} tabIndex={0}>
      {messages.length === 0 ? (
        <p className="muted">{t('chat.log.empty')}</p>
      ) : (
        <ol>
          {messages.map((message) => (
            <li key={message.seq} className={`chat-message chat-message-${message.from}`}>
              <p className="chat-message-meta">
                <span className="chat-message-from">
                  {message.from === 'customer' ? t('chat.log.you') : (agentName ?? t('chat.log.support'))}
                </span>{' '}
                <span className="muted">{t('chat.log.at', { time: timeOf(intl, message.at) })}</span>
              </p>
              <p className="chat-message-body">{message.body}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function timeOf(intl: ReturnType<typeof useFormat>, at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '' : intl.formatTime(date, { hour: 'numeric', minute: '2-digit' });
}
