import { z } from 'zod';
import { isoTimeSchema } from './subscriptions';

/**
 * docs/api.md, "Account events": the payloads of `GET /v1/events` (Server-Sent Events).
 * Each message's `event:` line is one of `accountEventTypes` (or `ready` / `reset`, below)
 * and its `data:` line is the JSON of the matching schema.
 */

/** A device of the account was deactivated (here, from another device, or by moving protection). */
export const deviceDeactivatedEventSchema = z.object({ deviceId: z.uuid(), at: isoTimeSchema });

/** A device was registered, renamed, transferred or forgotten: read the device list again. */
export const deviceChangedEventSchema = z.object({ deviceId: z.uuid() });

/** A subscription was activated, extended, or its automatic renewal switched: read it again. */
export const subscriptionChangedEventSchema = z.object({ subscriptionId: z.uuid() });

/** Why a session ended, so the app can say so in a sentence. */
export const sessionEndReasons = [
  /** Signed out in that app. */
  'signed_out',
  /** "Sign out everywhere" from some device. */
  'signed_out_everywhere',
  /** Ended from the session list of another device. */
  'ended_elsewhere',
  /** The password was changed from another device. */
  'password_changed',
  /** The password was reset through the e-mailed link. */
  'password_reset',
  /** Its refresh token was presented twice (it leaked), so the service ended it. */
  'refresh_token_reused',
] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];

/**
 * A session of the account ended. The stream of that session ends right after this
 * event; other sessions' streams get it too (their session list changed).
 */
export const sessionRevokedEventSchema = z.object({
  sessionId: z.uuid(),
  reason: z.enum(sessionEndReasons),
  /** The device name of the session that ended it, when another signed-in session did. */
  byDeviceName: z.string().nullable(),
  at: isoTimeSchema,
});

/** Support answered or changed the status of one of the account's tickets: read it again. */
export const ticketUpdatedEventSchema = z.object({ ticketId: z.uuid() });

export const accountEventSchemas = {
  'device.deactivated': deviceDeactivatedEventSchema,
  'device.changed': deviceChangedEventSchema,
  'subscription.changed': subscriptionChangedEventSchema,
  'session.revoked': sessionRevokedEventSchema,
  'ticket.updated': ticketUpdatedEventSchema,
} as const;
export type AccountEventType = keyof typeof accountEventSchemas;
export const accountEventTypes = Object.keys(accountEventSchemas) as AccountEventType[];
export type AccountEventData<T extends AccountEventType> = z.infer<(typeof accountEventSchemas)[T]>;

/** One event as it is recorded and sent: `{ type, data }` with the data matching its type. */
export type AccountEvent = { [T in AccountEventType]: { type: T; data: AccountEventData<T> } }[AccountEventType];

/** A received message, parsed: one of the account's events, with its id. */
export const accountEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('device.deactivated'), data: deviceDeactivatedEventSchema }),
  z.object({ type: z.literal('device.changed'), data: deviceChangedEventSchema }),
  z.object({ type: z.literal('subscription.changed'), data: subscriptionChangedEventSchema }),
  z.object({ type: z.literal('session.revoked'), data: sessionRevokedEventSchema }),
  z.object({ type: z.literal('ticket.updated'), data: ticketUpdatedEventSchema }),
]);

/**
 * `event: ready`: the stream is open and live. It comes first, or right after the events
 * replayed since `Last-Event-ID` (`replayed` of them). Its `id` is where the stream
 * stands, so a reconnect after a quiet while still asks for what it missed.
 */
export const streamReadyEventSchema = z.object({ replayed: z.number().int().nonnegative() });

/**
 * `event: reset`, instead of `ready`, when `Last-Event-ID` is older than what the service
 * keeps (or not one it made): some events may be gone, so reload everything you show.
 */
export const streamResetEventSchema = z.object({ reason: z.enum(['too_old', 'not_recognised']) });

/** How long events are kept for replay; at least the 10 minutes docs/api.md promises. */
export const ACCOUNT_EVENTS_KEPT_MINUTES = 60;

/** The comment line (`: keep-alive`) comes this often on an idle stream. */
export const KEEP_ALIVE_SECONDS = 25;
