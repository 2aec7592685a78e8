import type { z } from 'zod';
import type { Result } from '../errors';
import type { Contract, Events } from './index';
import type { InvokeSpec } from './define';

export type Area = keyof Contract;
export type MethodOf<A extends Area> = keyof Contract[A] & string;
export type Channel = { [A in Area]: `${A}.${MethodOf<A>}` }[Area];

type SpecOf<A extends Area, M extends MethodOf<A>> = Contract[A][M] extends InvokeSpec ? Contract[A][M] : never;

/** What the renderer passes (before validation: defaults may still apply). */
export type InputOf<A extends Area, M extends MethodOf<A>> = z.input<SpecOf<A, M>['input']>;
/** What a handler receives (after validation). */
export type ParsedInputOf<A extends Area, M extends MethodOf<A>> = z.output<SpecOf<A, M>['input']>;
export type OutputOf<A extends Area, M extends MethodOf<A>> = z.output<SpecOf<A, M>['output']>;

export type EventName = keyof Events & string;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

/** `window.palisade`: one async function per channel, each resolving to a Result. */
export type PalisadeApi = {
  [A in Area]: { [M in MethodOf<A>]: (input: InputOf<A, M>) => Promise<Result<OutputOf<A, M>>> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Main-process handlers: throw AppFailure for expected errors; the dispatcher makes Results. */
export type Handlers<Ctx = unknown> = {
  [A in Area]: { [M in MethodOf<A>]: (input: ParsedInputOf<A, M>, ctx: Ctx) => Promise<OutputOf<A, M>> };
};
