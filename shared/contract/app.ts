import { z } from 'zod';
import { event, invoke, none, nothing } from './define';
import { offlineReasonSchema } from '../offline-reason';
import { deepLinkSchema } from './links';

/** Whether the account service can be reached, and when not, why (a closed set the banner words). */
export const networkStateSchema = z.object({ online: z.boolean(), reason: offlineReasonSchema.optional() });
export type NetworkState = z.infer<typeof networkStateSchema>;

/** The app itself: what it is, where it runs, and the links it opens and is opened with. */
export const appContract = {
  app: {
    info: invoke(
      none,
      z.object({
        version: z.string(),
        platform: z.enum(['win32', 'darwin', 'linux']),
        host: z.enum(['electron', 'browser']),
        online: z.boolean(),
        offlineReason: offlineReasonSchema.optional(),
      }),
    ),
    /** Opens a vetted https link in the system browser. */
    openExternal: invoke(z.object({ url: z.url({ protocol: /^https$/ }).max(2048) }).strict(), nothing),
    /** The page came to the front (the browser host's tab; Electron's window says so itself). */
    focused: invoke(none, nothing),
  },
} as const;

export const appEvents = {
  /** Whether the account service can be reached; `app.info` answers the same at start. */
  'network.changed': event(networkStateSchema),
  'app.deepLink': event(deepLinkSchema),
} as const;
