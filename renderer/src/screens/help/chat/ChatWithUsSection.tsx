import { useId } from 'react';
import { useApi } from '../../../api/api-context';
import { useT } from '../../../i18n/use-t';
import { openChat, useChatStore } from './chat-store';

/** The Help screen's way into live chat; the chat itself is the shell's panel. */
export function ChatWithUsSection() {
  const api = useApi();
  const t = useT();
  const titleId = useId();
  const open = useChatStore((s) => s.view.phase !== 'idle');
  return (
    <section className="page-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('chat.entry.title')}</h2>
      <p>{t('chat.entry.intro')}</p>
      <button type="button" className="button button-primary" onClick={() => void openChat(api)}>
        {open ? t('chat.entry.open') : t('chat.entry.start')}
      </button>
    </section>
  );
}
