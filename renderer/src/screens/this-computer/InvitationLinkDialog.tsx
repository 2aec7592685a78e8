import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { openInvitation } from '../../actions/this-computer-actions';
import { paths } from '../../app/paths';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { T, useT } from '../../i18n/use-t';
import { parseInvitationLink, type PastedInvitation } from './invitation-link';

const problems = {
  missing: 'thisComputer.invitationLink.missing',
  notInvitation: 'thisComputer.invitationLink.notInvitation',
  unreadable: 'thisComputer.invitationLink.unreadable',
} as const satisfies Record<Extract<PastedInvitation, { ok: false }>['reason'], string>;

/**
 * "I have an invitation link", for when the e-mail's link cannot open the app itself (a
 * browser that does not know palisade://): paste the link or its code, and it goes where the
 * deep link goes — This computer, which spends it and says what happened.
 */
export function InvitationLinkDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const navigate = useNavigate();
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const fieldRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseInvitationLink(pasted);
    if (!parsed.ok) {
      setProblem(t(problems[parsed.reason]));
      fieldRef.current?.focus();
      return;
    }
    openInvitation(parsed.token);
    onClose();
    void navigate(paths.thisComputer);
  };

  return (
    <Dialog
      title={t('thisComputer.invitationLink.title')}
      description={
        <p>
          <T id="thisComputer.invitationLink.description" />
        </p>
      }
      onClose={onClose}
      initialFocusRef={fieldRef}
    >
      <form className="form" onSubmit={submit} noValidate aria-label={t('thisComputer.invitationLink.title')}>
        <TextField
          label={t('thisComputer.invitationLink.label')}
          hint={t('thisComputer.invitationLink.hint')}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          error={problem ?? undefined}
          inputRef={fieldRef}
          autoComplete="off"
          spellCheck={false}
          maxLength={2048}
        />
        <div className="button-row dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            <T id="common.cancel" />
          </button>
          <button type="submit" className="button button-primary">
            <T id="thisComputer.invitationLink.submit" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}
