import { z } from 'zod';

/** `:id` in a path: opaque to clients; one that names nothing is a 404, never a 500. */
export const idParamsSchema = z.object({ id: z.string().min(1).max(128) });
