import type { MouseEvent } from 'react';
import type { PalisadeApi } from '../../../shared/contract/types';

/** Pages on the Palisade website that the app links to. */
export const externalLinks = {
  terms: 'https://palisade.example/legal/terms',
  privacy: 'https://palisade.example/legal/privacy',
} as const;

/** The renderer may not navigate away; the main process opens vetted https links in the system browser. */
export function openExternalLink(event: MouseEvent<HTMLAnchorElement>, api: PalisadeApi): void {
  event.preventDefault();
  void api.app.openExternal({ url: event.currentTarget.href }).catch(() => undefined);
}
