/**
 * A stream id says where a client stands: the last event id it has (`seq`) and when that
 * was (`at`), as `<seq>-<milliseconds>`. The time lets any instance tell, without state,
 * whether events after it may already have been cleaned.
 */
export interface StreamPosition {
  seq: number;
  at: Date;
}

export const streamId = (position: StreamPosition): string => `${position.seq}-${position.at.getTime()}`;

/** The position in a `Last-Event-ID`, or undefined when it is not one this service made. */
export function parseStreamId(text: string): StreamPosition | undefined {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(text.trim());
  if (!match) return undefined;
  const at = new Date(Number(match[2]));
  return Number.isNaN(at.getTime()) ? undefined : { seq: Number(match[1]), at };
}
