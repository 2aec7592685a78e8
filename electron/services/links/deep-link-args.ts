import { type DeepLink, DEEP_LINK_SCHEME, parseDeepLink } from '../../../shared/contract/links';

/**
 * On Windows and Linux a `palisade://` link arrives as a command-line argument (of the
 * first launch, or of a second instance); on macOS it comes as an `open-url` event.
 */
export function findDeepLinkArg(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) {
      const link = parseDeepLink(arg);
      if (link) return link;
    }
  }
  return null;
}
