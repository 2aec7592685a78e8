import './chat.css';
import { useEffect, useId, useRef } from 'react';
import { useApi } from '../../../api/api-context';
import { settle } from '../../../api/settle';
import { useDescribeError } from '../../../errors/messages';
import { useT } from '../../../i18n/use-t';
import { ChatComposer } from './ChatComposer';
import { ChatLog } from './ChatLog';
import { ChatTicketOffer } from './ChatTicketOffer';
import { chatStatus } from './chat-status';
import { followChat, openChat, useChatStore } from './chat-store';

const livePhases = new Set(['connecting', 'queued', 'noAgents', 'connected']);
const writable = new Set(['queued', 'noAgents', 'connected']);

/**
 * The live chat, docked beside every signed-in screen (mounted in the shell, so moving
 * between screens keeps it). Hidden until a chat is opened; it can be folded to its title.
 */
export function ChatPanel() {
  const api = useApi();
  const t = useT();
  const describe = useDescribeError();
  const bodyId = useId();
  const titleId = useId();
  const { view, expanded, startError, focusRequest, setExpanded } = useChatStore();
  const panelRef = useRef<HTMLElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  /** Focus was in the panel: when what held it goes (a finished form), it stays in the panel. */
  const focusInside = useRef(false);
  const focusHandled = useRef(0);
  const shown = view.phase !== 'idle' || startError !== null;

  useEffect(() => followChat(api), [api]);

  // Opened from "Chat with us": the panel takes focus once it is there.
  useEffect(() => {
    if (!shown || focusRequest === focusHandled.current) return;
    focusHandled.current = focusRequest;
    titleRef.current?.focus();
  }, [shown, focusRequest]);

  // The agent joined while the person was in the panel: straight to the message field.
  const connected = view.phase === 'connected';
  useEffect(() => {
    if (connected && expanded && focusInside.current) composerRef.current?.focus();
  }, [connected, expanded]);

  useEffect(() => {
    const active = document.activeElement;
    if (focusInside.current && (active === null || active === document.body)) titleRef.current?.focus();
  });

  if (!shown) return null;
  const status = chatStatus(view);
  const live = livePhases.has(view.phase);
  const over = view.phase === 'ended' || view.phase === 'cut';

  return (
    <section
      ref={panelRef}
      className="chat-panel"
      aria-labelledby={titleId}
      onFocus={() => void (focusInside.current = true)}
      onBlur={(event) => {
        // A blur to nothing is an element that went away; focus is put back above.
        if (event.relatedTarget !== null && !panelRef.current?.contains(event.relatedTarget as Node)) focusInside.current = false;
      }}
    >
      <header className="chat-panel-header">
        <h2 id={titleId} ref={titleRef} tabIndex={-1}>
          {t('chat.panel.title')}
        </h2>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('chat.panel.hide') : t('chat.panel.show')}
        </button>
      </header>
      <div id={bodyId} className="chat-panel-body" hidden={!expanded}>
        {startError ? (
          <p className="form-alert" role="alert">
            {t('chat.startFailed', { reason: describe(startError) })}
          </p>
        ) : (
          <p className="chat-status" role="status">
            {t(status.id, status.values)}
          </p>
        )}
        {view.phase !== 'idle' && <ChatLog messages={view.messages} agentName={view.agentName} />}
        {/* Written before an agent joins, a message waits for them, or goes into the ticket. */}
        {writable.has(view.phase) && <ChatComposer inputRef={composerRef} />}
        {view.phase === 'noAgents' && <ChatTicketOffer view={view} />}
        <div className="button-row chat-actions">
          {live && (
            <button type="button" className="button button-secondary" onClick={() => void settle(() => api.chat.end({}))}>
              {t('chat.actions.end')}
            </button>
          )}
          {(over || startError) && (
            <>
              <button type="button" className="button button-primary" onClick={() => void openChat(api)}>
                {t('chat.actions.newChat')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  useChatStore.setState({ startError: null });
                  void settle(() => api.chat.dismiss({})).then((result) => result.ok && useChatStore.getState().received(result.value));
                }}
              >
                {t('chat.actions.close')}
              </button>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
