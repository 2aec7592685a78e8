import { z } from 'zod';

/**
 * What was wrong with one field, in a form any client can turn into its own sentence:
 * `code` is zod's issue code (`too_small`, `too_big`, `invalid_format`, …), `minimum` and
 * `maximum` its bounds where it has them, `format` the expected format (`email`, …).
 * `message` is the validator's English, for logs and developers, never shown to a person.
 */
export const fieldProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  format: z.string().optional(),
});
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

/** `details` of `VALIDATION_FAILED` (service) and `IPC_INVALID_INPUT` (main process): problems by field path. */
export const validationDetailsSchema = z.object({ fields: z.record(z.string(), fieldProblemSchema) });
export type ValidationDetails = z.infer<typeof validationDetailsSchema>;

/** The first problem of each field of a failed parse; `fallbackPath` names a problem with the whole input. */
export function validationDetails(issues: readonly z.core.$ZodIssue[], fallbackPath = 'body'): ValidationDetails {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || fallbackPath;
    fields[path] ??= fieldProblem(issue);
  }
  return { fields };
}

function fieldProblem(issue: z.core.$ZodIssue): FieldProblem {
  const problem: FieldProblem = { code: issue.code, message: issue.message };
  if (issue.code === 'too_small') problem.minimum = Number(issue.minimum);
  if (issue.code === 'too_big') problem.maximum = Number(issue.maximum);
  if (issue.code === 'invalid_format') problem.format = issue.format;
  return problem;
}
