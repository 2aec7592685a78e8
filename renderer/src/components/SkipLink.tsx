import type { MouseEvent } from 'react';
import { T } from '../i18n/use-t';

/**
 * "Skip to content". The app routes on the URL hash, so a plain `#main` link would
 * navigate; this one moves focus instead.
 */
export function SkipLink({ targetId = 'main' }: { targetId?: string }) {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(targetId)?.focus();
  };
  return (
    <a className="skip-link" href={`#${targetId}`} onClick={skip}>
      <T id="common.skipToContent" />
    </a>
  );
}
