import { z } from 'zod';
import { event, invoke, none, nothing } from './define';
import { deepLinkSchema } from './links';

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
      }),
    ),
    /** Opens a vetted https link in the system browser. */
    openExternal: invoke(z.object({ url: z.url({ protocol: /^https$/ }).max(2048) }).strict(), nothing),
  },
} as const;

export const appEvents = {
  /** Whether the account service can be reached; `app.info` answers the same at start. */
  'network.changed': event(z.object({ online: z.boolean() })),
  'app.deepLink': event(deepLinkSchema),
} as const;
