import type { AppError } from '../../../shared/errors';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Per-field messages from a validation error's `details.fields`, so they can sit next to
 * their fields. Accepts `{ email: 'msg' }`, `{ email: ['msg'] }` and
 * `[{ path: ['email'] | 'email', message }]`; anything else gives no field messages.
 */
export function fieldErrors(error: AppError | null): FieldErrors {
  const fields = error?.details?.fields;
  const out: FieldErrors = {};
  if (Array.isArray(fields)) {
    for (const issue of fields) {
      if (!isRecord(issue) || typeof issue.message !== 'string') continue;
      const path = Array.isArray(issue.path) ? issue.path[0] : (issue.path ?? issue.field);
      if (typeof path === 'string' && !out[path]) out[path] = issue.message;
    }
  } else if (isRecord(fields)) {
    for (const [name, value] of Object.entries(fields)) {
      const message = Array.isArray(value) ? value.find((v) => typeof v === 'string') : value;
      if (typeof message === 'string') out[name] = message;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
