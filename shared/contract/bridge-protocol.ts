import { z } from 'zod';
import { appErrorSchema } from '../errors';

/**
 * Messages of the browser host's WebSocket bridge (`/bridge`): the same contract as
 * Electron IPC, carried as JSON. The browser sends `invoke`; the host answers each with a
 * `result` of the same id and pushes `event`s.
 */
export const BRIDGE_PATH = '/bridge';
/** 204 when this browser holds the launch cookie, 401 when not: tells "unauthorised" from "host down". */
export const BRIDGE_AUTH_PATH = '/bridge/auth';
/** Where the launch link points: `/launch/<secret>` sets the cookie and redirects to `/`. */
export const LAUNCH_PATH_PREFIX = '/launch/';

/** WebSocket close code the host uses when it shuts down on purpose. */
export const BRIDGE_CLOSE_SHUTDOWN = 4000;

const callId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const bridgeInvokeSchema = z.object({
  type: z.literal('invoke'),
  id: callId,
  channel: z.string().min(1).max(100),
  input: z.unknown(),
});
export type BridgeInvoke = z.infer<typeof bridgeInvokeSchema>;

export const bridgeResultPayloadSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]);

export const bridgeResultSchema = z.object({
  type: z.literal('result'),
  id: callId,
  result: bridgeResultPayloadSchema,
});
export type BridgeResult = z.infer<typeof bridgeResultSchema>;

export const bridgeEventSchema = z.object({
  type: z.literal('event'),
  event: z.string().min(1).max(100),
  payload: z.unknown(),
});
export type BridgeEvent = z.infer<typeof bridgeEventSchema>;

/** Anything the host may send. */
export const bridgeServerMessageSchema = z.discriminatedUnion('type', [bridgeResultSchema, bridgeEventSchema]);
export type BridgeServerMessage = z.infer<typeof bridgeServerMessageSchema>;

/** Anything the browser may send. */
export const bridgeClientMessageSchema = bridgeInvokeSchema;
