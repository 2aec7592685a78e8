import type { ValidationDetails } from '../../../shared/validation-details';

/**
 * `details` for one field refused by a rule no schema can check (it needs the database):
 * zod's `custom` code, as a schema refinement would give, so clients treat it alike.
 */
export const fieldRefusal = (field: string, message: string): ValidationDetails => ({
  fields: { [field]: { code: 'custom', message } },
});
