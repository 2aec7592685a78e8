import { z } from 'zod';
import { keyPreviewSchema, subscriptionSchema } from '../api/subscriptions';
import { event, invoke, none } from './define';

/** The account's subscriptions, and activating a product key. */
export const subscriptionsContract = {
  subscriptions: {
    list: invoke(none, z.array(subscriptionSchema)),
    /** Any text a person typed or pasted; the main process normalises and checks it. */
    activate: invoke(
      z
        .object({ productKey: z.string().max(100), extendSubscriptionId: z.string().min(1).max(128).optional() })
        .strict(),
      subscriptionSchema,
    ),
    /** What the key would add (plan and term), without spending it: asked before the extend-or-add choice. */
    previewKey: invoke(z.object({ productKey: z.string().max(100) }).strict(), keyPreviewSchema),
  },
} as const;

/** A new subscription activated here comes back in the answer to `subscriptions.activate`. */
export const subscriptionsEvents = {
  /** A subscription changed anywhere on the account (`null`: any may have): read them again. */
  'subscriptions.changed': event(z.object({ subscriptionId: z.string().nullable() })),
} as const;
