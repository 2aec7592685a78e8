import { resolve } from 'node:path';
import { app } from 'electron';
import { DEEP_LINK_SCHEME, type DeepLink, parseDeepLink } from '../../shared/contract/links';
import { findDeepLinkArg } from '../services/links/deep-link-args';

/**
 * `palisade://` links: registered with the OS, and received as an argument of the first
 * launch or of a second instance (Windows, Linux) or as `open-url` (macOS). Must be called
 * before the app is ready, so a link that launched the app on macOS is not missed.
 */
export function listenForDeepLinks(onLink: (link: DeepLink) => void) {
  if (process.defaultApp && process.argv[1]) {
    // Development (`electron .`): the OS must start Electron with this app's folder.
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDeepLink(url);
    if (link) onLink(link);
  });
  app.on('second-instance', (_event, argv) => {
    const link = findDeepLinkArg(argv);
    if (link) onLink(link);
  });
  const first = findDeepLinkArg(process.argv);
  if (first) onLink(first);
}
