import { z } from 'zod';
import { appErrorSchema } from '../errors';

/** A request from the renderer that the main process answers with a Result. */
export interface InvokeSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  readonly input: I;
  readonly output: O;
}

/** A message the main process pushes to the renderer. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}

export const invoke = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): InvokeSpec<I, O> => ({
  kind: 'invoke',
  input,
  output,
});

export const event = <P extends z.ZodType>(payload: P): EventSpec<P> => ({ kind: 'event', payload });

/** The input of a call that takes nothing: an empty object, and nothing else. */
export const none = z.object({}).strict();

/** The output of a call that answers nothing but success. */
export const nothing = z.null();

/**
 * Long-running work (a refresh, a download, an update) has one shape in every area:
 * `<area>.start(input) → { id }`, `<area>.cancel({ id })`, and the event
 * `<area>.progress { id, state, done, total }` for each step, ending in exactly one of
 * `done`, `failed` (with the error) or `cancelled`. `done` and `total` count whatever
 * the area counts (components read, bytes downloaded); `total` is 0 while unknown.
 */
export const operationStates = ['running', 'paused', 'done', 'failed', 'cancelled'] as const;
export type OperationState = (typeof operationStates)[number];
/** The states after which an operation sends nothing more. */
export const finalOperationStates = ['done', 'failed', 'cancelled'] as const satisfies readonly OperationState[];

export const operationIdSchema = z.string().min(1).max(64);
export const operationRefSchema = z.object({ id: operationIdSchema }).strict();

export const operationProgressSchema = z
  .object({
    id: operationIdSchema,
    state: z.enum(operationStates),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    error: appErrorSchema.optional(),
  })
  .refine((progress) => (progress.state === 'failed') === (progress.error !== undefined), {
    message: 'A failed operation carries its error, and only a failed one.',
  });
export type OperationProgress = z.infer<typeof operationProgressSchema>;

type OperationCalls<I extends z.ZodType> = {
  readonly start: InvokeSpec<I, typeof operationStarted>;
  readonly cancel: InvokeSpec<typeof operationRefSchema, typeof nothing>;
};
type OperationEvents<A extends string> = { readonly [K in `${A}.progress`]: EventSpec<typeof operationProgressSchema> };

const operationStarted = z.object({ id: operationIdSchema });

/** Declares an area's long-running operation: spread `calls` into the area, `events` into its events. */
export function operation<A extends string, I extends z.ZodType>(
  area: A,
  input: I,
): { calls: OperationCalls<I>; events: OperationEvents<A> } {
  return {
    calls: { start: invoke(input, operationStarted), cancel: invoke(operationRefSchema, nothing) },
    events: { [`${area}.progress`]: event(operationProgressSchema) } as OperationEvents<A>,
  };
}
