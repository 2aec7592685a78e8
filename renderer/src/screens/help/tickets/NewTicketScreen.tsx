import '../../../styles/page-parts.css';
import './tickets.css';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ticketCategories } from '../../../../../shared/api/support-tickets';
import type { DiagnosticsPreview } from '../../../../../shared/contract/tickets';
import type { AppError } from '../../../../../shared/errors';
import { useApi } from '../../../api/api-context';
import { settle } from '../../../api/settle';
import { paths, ticketPath } from '../../../app/paths';
import { useAction } from '../../../app/use-action';
import { FormAlert } from '../../../components/FormAlert';
import { PageHeading } from '../../../components/PageHeading';
import { SubmitButton } from '../../../components/SubmitButton';
import { TextField } from '../../../components/TextField';
import { useFieldErrors } from '../../../errors/field-errors';
import { useDescribeError } from '../../../errors/messages';
import { useT } from '../../../i18n/use-t';
import { categoryWords } from './ticket-words';

type Category = (typeof ticketCategories)[number];

/** A preview the main process no longer keeps (it expired): collect it again before sending. */
const previewGone = (error: AppError | null) =>
  error?.code === 'VALIDATION_FAILED' && typeof error.details?.fields === 'object' && error.details.fields !== null && 'diagnosticsPreviewId' in error.details.fields;

/**
 * A new support ticket: subject, category, message and, only if the person ticks it, the
 * diagnostics, which they can read in full before sending. The main process keeps the
 * previewed report; sending names it, so what was shown is what goes.
 */
export function NewTicketScreen() {
  const api = useApi();
  const t = useT();
  const navigate = useNavigate();
  const describeError = useDescribeError();
  const id = useId();
  // One draft, one ticket: a second click or a retry of this form sends the same key.
  const [draftId] = useState(() => crypto.randomUUID());
  const [subject, setSubject] = useState('');
  const [category, setCategory] = useState<Category | ''>('');
  const [body, setBody] = useState('');
  const [attach, setAttach] = useState(false);
  const [preview, setPreview] = useState<DiagnosticsPreview | null>(null);
  const [collecting, setCollecting] = useState(false);
  const [collectError, setCollectError] = useState<AppError | null>(null);
  const [showPreview, setShowPreview] = useState(false);
  const [missingCategory, setMissingCategory] = useState(false);
  const { pending, error, run } = useAction();
  const fields = useFieldErrors(error);
  const collectRun = useRef(0);

  const collect = () => {
    const mine = ++collectRun.current;
    setCollecting(true);
    setCollectError(null);
    void settle(() => api.tickets.previewDiagnostics({})).then((result) => {
      if (mine !== collectRun.current) return;
      setCollecting(false);
      if (result.ok) setPreview(result.value);
      else setCollectError(result.error);
    });
  };

  const toggleAttach = (on: boolean) => {
    setAttach(on);
    if (on && !preview) collect();
    if (!on) setShowPreview(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (category === '') {
      setMissingCategory(true);
      return;
    }
    const result = await run(() =>
      api.tickets.create({
        draftId,
        subject: subject.trim(),
        category,
        body: body.trim(),
        ...(attach && preview && { diagnosticsPreviewId: preview.previewId }),
      }),
    );
    if (result?.ok) navigate(ticketPath(result.value.id), { state: { created: result.value.number } });
    else if (previewGone(result && !result.ok ? result.error : null)) {
      setPreview(null);
      collect();
    }
  };

  const alertId = `${id}-alert`;
  const previewJson = preview ? JSON.stringify(preview.report, null, 2) : '';
  const kb = preview ? Math.max(1, Math.ceil(preview.bytes / 1024)) : 0;

  return (
    <>
      <PageHeading title={t('tickets.new.title')} />
      <p>
        <Link to={paths.tickets}>{t('tickets.new.back')}</Link>
      </p>
      <form className="page-section ticket-form" onSubmit={(event) => void submit(event)} noValidate aria-describedby={error ? alertId : undefined}>
        {error && (
          <FormAlert id={alertId}>
            <p>
              {t('tickets.new.failed')} {previewGone(error) ? t('tickets.new.previewExpired') : describeError(error)}
            </p>
          </FormAlert>
        )}
        <TextField
          label={t('tickets.new.subject')}
          value={subject}
          maxLength={200}
          required
          error={fields.subject}
          onChange={(event) => setSubject(event.target.value)}
        />
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('tickets.new.category')}</label>
          <select
            id={`${id}-category`}
            value={category}
            required
            aria-invalid={missingCategory || fields.category ? true : undefined}
            aria-describedby={missingCategory || fields.category ? `${id}-category-error` : undefined}
            onChange={(event) => {
              setCategory(event.target.value as Category);
              setMissingCategory(false);
            }}
          >
            <option value="" disabled>
              {t('tickets.new.categoryChoose')}
            </option>
            {ticketCategories.map((value) => (
              <option key={value} value={value}>
                {t(categoryWords[value])}
              </option>
            ))}
          </select>
          {(missingCategory || fields.category) && (
            <p id={`${id}-category-error`} className="field-error">
              {fields.category ?? t('tickets.new.categoryMissing')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>{t('tickets.new.message')}</label>
          <p id={`${id}-body-hint`} className="field-hint">
            {t('tickets.new.messageHint')}
          </p>
          <textarea
            id={`${id}-body`}
            rows={8}
            value={body}
            maxLength={10_000}
            required
            aria-invalid={fields.body ? true : undefined}
            aria-describedby={[`${id}-body-hint`, fields.body && `${id}-body-error`].filter(Boolean).join(' ')}
            onChange={(event) => setBody(event.target.value)}
          />
          {fields.body && (
            <p id={`${id}-body-error`} className="field-error">
              {fields.body}
            </p>
          )}
        </div>
        <fieldset className="page-section diagnostics-choice">
          <legend>{t('tickets.new.attach')}</legend>
          <div className="checkbox-field">
            <input
              id={`${id}-attach`}
              type="checkbox"
              checked={attach}
              aria-describedby={`${id}-attach-hint`}
              onChange={(event) => toggleAttach(event.target.checked)}
            />
            <label htmlFor={`${id}-attach`}>{t('tickets.new.attach')}</label>
          </div>
          <p id={`${id}-attach-hint`} className="field-hint">
            {t('tickets.new.attachHint')}
          </p>
          <p role="status" className="muted">
            {attach && collecting
              ? t('tickets.new.collecting')
              : attach && preview
                ? t('tickets.new.size', {
                    size: kb,
                    lines: preview.report.log.lines.length,
                    redactions: preview.report.log.redactions,
                  })
                : ''}
          </p>
          {attach && collectError && (
            <div role="alert" className="form-alert">
              <p>
                {t('tickets.new.collectFailed')} {describeError(collectError)}
              </p>
            </div>
          )}
          {attach && preview && (
            <>
              <button
                type="button"
                className="button button-secondary"
                aria-expanded={showPreview}
                aria-controls={`${id}-preview`}
                onClick={() => setShowPreview((shown) => !shown)}
              >
                {showPreview ? t('tickets.new.hide') : t('tickets.new.show')}
              </button>
              {showPreview && (
                <div id={`${id}-preview`}>
                  {preview.report.log.linesLeftOut > 0 && (
                    <p className="muted">{t('tickets.new.leftOut', { count: preview.report.log.linesLeftOut })}</p>
                  )}
                  {/* Focusable, so the keyboard can scroll it; labelled, so a screen reader says what it is. */}
                  <pre className="diagnostics-preview" role="region" aria-label={t('tickets.new.preview')} tabIndex={0}>
                    {previewJson}
                  </pre>
                </div>
              )}
            </>
          )}
        </fieldset>
        <div className="button-row">
          <SubmitButton pending={pending} busyLabel={t('tickets.new.sending')}>
            {t('tickets.new.send')}
          </SubmitButton>
        </div>
      </form>
    </>
  );
}
