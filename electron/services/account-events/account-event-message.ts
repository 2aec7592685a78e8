import type { EventSourceMessage } from 'eventsource-parser';
import { type AccountEvent, accountEventSchema, streamResetEventSchema } from '../../../shared/api/events';

/** What one message of `GET /v1/events` says: an account event, "reload everything", or nothing for this app. */
export type StreamMessage = { kind: 'event'; event: AccountEvent } | { kind: 'reset' } | { kind: 'other' };

/**
 * Reads one Server-Sent Events message by the contract in shared/api/events.ts. A type this
 * app does not know (`ready`, or one from a newer service) is `other`,
 * and a known type whose data does not match is dropped rather than half-believed.
 */
export function readStreamMessage(message: EventSourceMessage): StreamMessage | null {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return null;
  }
  if (message.event === 'reset') return streamResetEventSchema.safeParse(data).success ? { kind: 'reset' } : null;
  const parsed = accountEventSchema.safeParse({ type: message.event, data });
  if (parsed.success) return { kind: 'event', event: parsed.data as AccountEvent };
  return isKnownType(message.event) ? null : { kind: 'other' };
}

const knownTypes = new Set(accountEventSchema.options.map((option) => option.shape.type.value));
const isKnownType = (type: string | undefined) => type !== undefined && knownTypes.has(type as AccountEvent['type']);
