import { type Ref, useId, useState } from 'react';
import { CHAT_BODY_MAX } from '../../../../../shared/contract/chat';
import { useApi } from '../../../api/api-context';
import { settle } from '../../../api/settle';
import { SubmitButton } from '../../../components/SubmitButton';
import { useDescribeError } from '../../../errors/messages';
import { useT } from '../../../i18n/use-t';

/** The message field: Enter sends, Shift+Enter starts a new line (as in every chat). */
export function ChatComposer({ inputRef }: { inputRef: Ref<HTMLTextAreaElement> }) {
  const api = useApi();
  const t = useT();
  const describe = useDescribeError();
  const id = useId();
  const [body, setBody] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (pending) return;
    const text = body.trim();
    if (text === '') {
      setError(t('chat.compose.empty'));
      return;
    }
    setPending(true);
    const result = await settle(() => api.chat.send({ body: text }));
    setPending(false);
    if (result.ok) {
      setBody('');
      setError(null);
    } else {
      setError(t('chat.compose.failed', { reason: describe(result.error) }));
    }
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form
      className="chat-compose"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={id}>{t('chat.compose.label')}</label>
        <p id={hintId} className="field-hint">
          {t('chat.compose.hint')}
        </p>
        <textarea
          id={id}
          ref={inputRef}
          rows={2}
          value={body}
          maxLength={CHAT_BODY_MAX}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setBody(event.target.value);
            if (error) setError(null);
          }}
          onKeyDown={(event) => {
            // An IME's Enter picks a word; it does not send.
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              void submit();
            }
          }}
        />
        {error && (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <SubmitButton pending={pending} busyLabel={t('chat.compose.sending')}>
        {t('chat.compose.send')}
      </SubmitButton>
    </form>
  );
}
