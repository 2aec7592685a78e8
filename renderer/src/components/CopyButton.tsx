import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t';
import { copyText } from './clipboard';

/** A copy button that says, politely and for a moment, whether it worked. */
export function CopyButton({
  text,
  label,
  className = 'button button-secondary',
}: {
  text: string;
  label: string;
  className?: string;
}) {
  const t = useT();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    if (outcome !== 'copied') return;
    const timer = setTimeout(() => setOutcome(null), 4000);
    return () => clearTimeout(timer);
  }, [outcome]);

  return (
    <span className="copy-button">
      <button
        type="button"
        className={className}
        onClick={() => void copyText(text).then((done) => setOutcome(done ? 'copied' : 'failed'))}
      >
        {label}
      </button>
      <span role="status" className="copy-outcome">
        {outcome === 'copied' && t('shell.copyButton.copied')}
        {outcome === 'failed' && t('shell.copyButton.failed')}
      </span>
    </span>
  );
}
