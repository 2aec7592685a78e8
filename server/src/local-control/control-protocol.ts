import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { planIdSchema } from '../../../shared/plans';
import { MAX_TERM_YEARS } from '../subscriptions/product-keys';

/** The most keys one `keys mint` makes. */
export const MAX_KEY_COUNT = 100_000;

/**
 * What the command line asks of a running service that holds the embedded database: the
 * CLI's own commands, one JSON line each way.
 */
export const taskSchema = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('keys mint'),
    plan: planIdSchema,
    termYears: z.number().int().min(1).max(MAX_TERM_YEARS),
    count: z.number().int().min(1).max(MAX_KEY_COUNT),
  }),
  z.strictObject({ command: z.literal('seed-demo') }),
  z.strictObject({ command: z.literal('migrate') }),
]);
export type Task = z.infer<typeof taskSchema>;

/** The answer: what the command prints, or why it could not be done. */
export const answerSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), output: z.string() }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);
export type Answer = z.infer<typeof answerSchema>;

/** A request longer than this is not one of ours. */
export const MAX_REQUEST_BYTES = 4096;

/**
 * Where the service listens for them: a Unix socket inside DATA_DIR (0700), so only the
 * folder's owner can reach it; on Windows a named pipe named for the folder.
 */
export function controlPath(dataDir: string): string {
  if (process.platform === 'win32') {
    const id = createHash('sha256').update(resolve(dataDir).toLowerCase()).digest('hex').slice(0, 32);
    return `\\\\.\\pipe\\palisade-service-${id}`;
  }
  return join(dataDir, 'control.sock');
}
