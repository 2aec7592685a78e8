import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { desktopPlatformSchema, releaseVersionSchema } from '../../../shared/api/downloads';
import { emailSchema, personNameSchema } from '../../../shared/api/identity';
import { planIdSchema } from '../../../shared/plans';
import { MAX_TERM_YEARS } from '../subscriptions/product-keys';

/** The most keys one `keys mint` makes. */
export const MAX_KEY_COUNT = 100_000;

/** `releases publish --notes`: what a line or two of release notes needs, well inside one request. */
export const MAX_RELEASE_NOTES = 1000;

/** The name an installer is published under (the file's own name): one line, no folders. */
export const releaseFileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\\\p{Cc}\p{Cf}]+$/u);

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
  // The CLI has copied the file into DATA_DIR/releases already; the service records it.
  z.strictObject({
    command: z.literal('releases publish'),
    platform: desktopPlatformSchema,
    version: releaseVersionSchema,
    fileName: releaseFileNameSchema,
    storedName: z.uuid(),
    size: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
    notes: z.string().max(MAX_RELEASE_NOTES).optional(),
    rolloutPercent: z.number().int().min(1).max(99).optional(),
  }),
  z.strictObject({ command: z.literal('seed-demo') }),
  // `linkBase` is the CLI's PUBLIC_URL (or its listening address), so the link reads the same wherever the task runs.
  z.strictObject({ command: z.literal('agents add'), email: emailSchema, name: personNameSchema, linkBase: z.url().max(2048) }),
  z.strictObject({ command: z.literal('migrate') }),
  // The time the work is done for (`jobs run --now`); the service's clock when absent.
  z.strictObject({ command: z.literal('jobs run'), now: z.iso.datetime({ offset: true }).optional() }),
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
