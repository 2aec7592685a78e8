import { useState } from 'react';
import type { ChatView } from '../../../../../shared/contract/chat';
import { useApi } from '../../../api/api-context';
import { settle } from '../../../api/settle';
import { SubmitButton } from '../../../components/SubmitButton';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../i18n/use-t';

/** No agent on duty: the conversation goes to support as a ticket (the chat then ends, and its status shows the number). */
export function ChatTicketOffer({ view }: { view: ChatView }) {
  const api = useApi();
  const t = useT();
  const [subject, setSubject] = useState('');
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState(false);

  const submit = async () => {
    if (view.sendingTicket) return;
    const text = subject.trim();
    if (text === '') {
      setMissing(true);
      return;
    }
    setFailed(false);
    const result = await settle(() => api.chat.toTicket({ subject: text }));
    if (!result.ok) setFailed(true);
  };

  return (
    <form
      className="chat-ticket"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <TextField
        label={t('chat.ticket.subject')}
        hint={t('chat.ticket.subjectHint')}
        value={subject}
        maxLength={200}
        error={missing ? t('chat.ticket.subjectMissing') : undefined}
        onChange={(event) => {
          setSubject(event.target.value);
          setMissing(false);
        }}
      />
      {(failed || view.problem === 'ticketFailed') && !view.sendingTicket && (
        <p className="form-alert" role="alert">
          {t('chat.ticket.failed')}
        </p>
      )}
      <SubmitButton pending={view.sendingTicket} busyLabel={t('chat.ticket.sending')}>
        {t('chat.ticket.send')}
      </SubmitButton>
    </form>
  );
}
