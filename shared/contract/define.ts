import { z } from 'zod';

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
