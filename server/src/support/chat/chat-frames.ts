import { z } from 'zod';

/** docs/api.md "Support", live chat: what each side may send, read with zod. */

/** A chat message, as typed: longer is refused, not cut. */
export const MAX_CHAT_BODY = 4_000;
const MAX_SUBJECT = 200;
/** The largest frame the socket takes at all (ws closes a bigger one with 1009): a 4 000-character body of 4-byte characters, JSON-escaped, fits. */
export const MAX_FRAME_BYTES = 64 * 1024;

const body = z.string().trim().min(1).max(MAX_CHAT_BODY);
const chatId = z.uuid();

export const authFrameSchema = z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(4_096) });

/** Strict: an agent's frame (with a `chatId`) on the customer's socket is refused, never read as the customer's own. */
export const customerFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('message'), body }),
  z.strictObject({ type: z.literal('end') }),
  z.strictObject({ type: z.literal('toTicket'), subject: z.string().trim().min(1).max(MAX_SUBJECT) }),
]);
export type CustomerFrame = z.infer<typeof customerFrameSchema>;

export const agentFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('join'), chatId }),
  z.strictObject({ type: z.literal('message'), chatId, body }),
  z.strictObject({ type: z.literal('end'), chatId }),
]);
export type AgentFrame = z.infer<typeof agentFrameSchema>;

/** The codes of `{ type: "error", code, message, details? }`. */
export type ChatErrorCode = 'VALIDATION_FAILED' | 'RATE_LIMITED' | 'CHAT_TAKEN' | 'CHAT_NOT_FOUND' | 'CHAT_CLOSED' | 'UNAVAILABLE';

export interface ChatErrorFrame {
  type: 'error';
  code: ChatErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export const chatError = (code: ChatErrorCode, message: string, details?: Record<string, unknown>): ChatErrorFrame => ({
  type: 'error',
  code,
  message,
  ...(details && { details }),
});

/**
 * One text frame read against `schema`: the frame, or the error frame to answer (not JSON,
 * an unknown `type`, a field missing, too long or extra), with the fields at fault.
 */
export function readFrame<T>(schema: z.ZodType<T>, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): { frame: T } | { error: ChatErrorFrame } {
  if (isBinary) return { error: chatError('VALIDATION_FAILED', 'Chat frames are JSON text, not binary.') };
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: chatError('VALIDATION_FAILED', 'A chat frame is one JSON object.') };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { frame: parsed.data };
  const fields = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'type', problem: issue.message }));
  return { error: chatError('VALIDATION_FAILED', 'This chat frame is not one the socket takes.', { fields }) };
}
