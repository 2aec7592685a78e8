import { contract } from '../../../shared/contract/index';
import type { InvokeSpec } from '../../../shared/contract/define';
import type { Handlers } from '../../../shared/contract/types';
import { AppFailure, fail, ok, type Result } from '../../../shared/errors';
import { validationDetails } from '../../../shared/validation-details';
import { type Logger, describeError, silentLogger } from '../log/logger';

export interface Dispatcher {
  /**
   * Runs one call from an untrusted caller (a renderer, a browser tab): the channel must be
   * in the contract and the input must match its schema. Never throws.
   */
  dispatch(channel: string, rawInput: unknown): Promise<Result<unknown>>;
}

type AnyHandler = (input: unknown, ctx: unknown) => Promise<unknown>;

function lookup(channel: string, handlers: Handlers): { spec: InvokeSpec; handler: AnyHandler } | null {
  const [area, method, ...rest] = channel.split('.');
  if (!area || !method || rest.length > 0) return null;
  // Own properties only: `__proto__.constructor` and friends are not channels.
  if (!Object.hasOwn(contract, area)) return null;
  const methods = contract[area as keyof typeof contract] as Record<string, InvokeSpec>;
  if (!Object.hasOwn(methods, method)) return null;
  const group = (handlers as unknown as Record<string, Record<string, AnyHandler>>)[area];
  const handler = group?.[method];
  const spec = methods[method];
  return handler && spec ? { spec, handler } : null;
}

export function createDispatcher(handlers: Handlers, { logger = silentLogger }: { logger?: Logger } = {}): Dispatcher {
  return {
    async dispatch(channel, rawInput) {
      const target = typeof channel === 'string' ? lookup(channel, handlers) : null;
      if (!target) {
        logger.warn('refused a call to an unknown channel', { channel: String(channel).slice(0, 100) });
        return fail({ code: 'IPC_FORBIDDEN', message: 'That action is not available.' });
      }
      const input = target.spec.input.safeParse(rawInput);
      if (!input.success) {
        return fail({
          code: 'IPC_INVALID_INPUT',
          message: 'Some of the information given is not valid.',
          // Which field is wrong and how, for the renderer to put in its own words; `(input)` is the input as a whole.
          details: validationDetails(input.error.issues, '(input)'),
        });
      }
      try {
        const value = await target.handler(input.data, undefined);
        // The output schema is also a filter: a field it does not name (a token, say) is dropped here.
        const output = target.spec.output.safeParse(value);
        if (!output.success) {
          logger.error('handler returned a value outside the contract', { channel, issues: output.error.issues.length });
          return fail({ code: 'UNKNOWN', message: 'Something went wrong. Please try again.' });
        }
        return ok(output.data);
      } catch (error) {
        if (error instanceof AppFailure) return fail(error.toError());
        logger.error('handler failed', { channel, error: describeError(error) });
        return fail({ code: 'UNKNOWN', message: 'Something went wrong. Please try again.' });
      }
    },
  };
}
