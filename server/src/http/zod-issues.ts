import type { z } from 'zod';

/** One entry of Fastify's `error.validation` as the zod type provider makes it. */
interface ZodValidationEntry {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

/**
 * The zod issues behind Fastify's validation entries: the type provider keeps each issue's
 * code as `keyword`, its path as `instancePath` (`/a/0/b`) and everything else in `params`.
 */
export function zodIssuesOf(entries: readonly ZodValidationEntry[]): z.core.$ZodIssue[] {
  return entries.map(
    (entry) =>
      ({
        ...entry.params,
        code: entry.keyword,
        path: entry.instancePath.split('/').filter((segment) => segment !== ''),
        message: entry.message ?? 'Not valid.',
      }) as z.core.$ZodIssue,
  );
}
