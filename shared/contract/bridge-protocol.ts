import { z } from 'zod';
import { appErrorSchema } from '../errors';

/**
 * Messages of the browser host's WebSocket bridge (`/bridge`): the same contract as
 * Electron IPC, carried as JSON. The first message of every connection is the browser's
 * `hello` with a secret; the host answers `welcome` or closes with
 * BRIDGE_CLOSE_UNAUTHORISED. Then the browser sends `invoke`; the host answers each with a
 * `result` of the same id and pushes `event`s.
 *
 * Secrets: the launch link `http://127.0.0.1:<port>/#launch=<secret>` carries a launch
 * secret in its fragment (never sent to a server). A tab exchanges it once, in its `hello`,
 * for a tab secret it keeps in sessionStorage and presents in the `hello` of every later
 * connection. No cookie: cookies ignore ports, so every loopback service would get it.
 */
export const BRIDGE_PATH = '/bridge';
/** The launch link's fragment is `#launch=<secret>`; the app's own routes start `#/`. */
export const LAUNCH_FRAGMENT_PREFIX = '#launch=';

/** WebSocket close code the host uses when it shuts down on purpose. */
export const BRIDGE_CLOSE_SHUTDOWN = 4000;
/** The `hello` was missing, or its secret spent, expired or unknown: only a fresh launch link helps. */
export const BRIDGE_CLOSE_UNAUTHORISED = 4001;

/** Launch and tab secrets: 32 random bytes, base64url. */
const bridgeSecret = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The first message of a connection: a launch secret to exchange, or this tab's secret. */
export const bridgeHelloSchema = z.union([
  z.strictObject({ type: z.literal('hello'), launch: bridgeSecret }),
  z.strictObject({ type: z.literal('hello'), tab: bridgeSecret }),
]);
export type BridgeHello = z.infer<typeof bridgeHelloSchema>;

/** The host's answer to an accepted `hello`: the tab secret for this and later connections. */
export const bridgeWelcomeSchema = z.object({ type: z.literal('welcome'), tab: bridgeSecret });
export type BridgeWelcome = z.infer<typeof bridgeWelcomeSchema>;

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
export const bridgeServerMessageSchema = z.discriminatedUnion('type', [bridgeWelcomeSchema, bridgeResultSchema, bridgeEventSchema]);
export type BridgeServerMessage = z.infer<typeof bridgeServerMessageSchema>;

/** Anything the browser may send after its `hello`. */
export const bridgeClientMessageSchema = bridgeInvokeSchema;
