import { z } from 'zod';
import { emailTokenSchema } from '../api/identity';

/** Actions the app can be opened with: `palisade://<action>?token=…`. */
export const deepLinkActions = ['confirm', 'reset-password', 'install'] as const;
/** Screens an e-mail can open, with no token (`palisade://billing`: a declined charge's "update your card"). */
export const screenLinkActions = ['billing'] as const;
export const deepLinkSchema = z.discriminatedUnion('action', [
  z.object({ action: z.enum(deepLinkActions), token: emailTokenSchema }),
  z.object({ action: z.enum(screenLinkActions) }),
]);
export type DeepLink = z.infer<typeof deepLinkSchema>;

export const DEEP_LINK_SCHEME = 'palisade';

/** Parses `palisade://confirm?token=…` (or `palisade://billing`); anything else is null. */
export function parseDeepLink(raw: string): DeepLink | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  // `palisade://confirm?…` parses with the action as host; `palisade:confirm?…` as path.
  const action = (url.host || url.pathname).replace(/^\/+|\/+$/g, '');
  const token = url.searchParams.get('token');
  const parsed = deepLinkSchema.safeParse(token === null ? { action } : { action, token });
  return parsed.success ? parsed.data : null;
}

/**
 * Takes what a person pasted from an e-mail — the code alone, or the whole link (https or
 * palisade://) — and returns the token in it, or null.
 */
export function extractEmailToken(pasted: string): string | null {
  const text = pasted.trim();
  const direct = emailTokenSchema.safeParse(text);
  if (direct.success) return direct.data;
  try {
    const token = new URL(text).searchParams.get('token');
    const parsed = emailTokenSchema.safeParse(token ?? '');
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
