import type { MouseEvent } from 'react';
import type { PalisadeApi } from '../../../shared/contract/types';

/** Pages on the Palisade website that the app links to. */
export const externalLinks = {
  terms: 'https://palisade.example/legal/terms',
  privacy: 'https://palisade.example/legal/privacy',
} as const;

/** The renderer may not navigate away; the main process opens vetted https links in the system browser. */
export function openExternalUrl(url: string, api: PalisadeApi): void {
  void api.app.openExternal({ url }).catch(() => undefined);
}

/** A link's click, handed to `openExternalUrl` instead of navigating. */
export function openExternalLink(event: MouseEvent<HTMLAnchorElement>, api: PalisadeApi): void {
  event.preventDefault();
  openExternalUrl(event.currentTarget.href, api);
}
