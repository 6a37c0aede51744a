import { z } from 'zod';
import { expecting } from './messages';

/** The bounds of a paged endpoint's `limit`. */
export interface PageLimit {
  min: number;
  max: number;
  default: number;
}

/** `limit` of a paged endpoint: an integer within `bounds`, `bounds.default` when absent. */
export function pageLimitSchema(bounds: PageLimit) {
  const message = `must be an integer from ${bounds.min} to ${bounds.max}`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(bounds.min, message)
    .max(bounds.max, message)
    .default(bounds.default);
}

/** `cursor` of a paged endpoint: the opaque `next_cursor` of the previous page. */
export const PageCursorSchema = z
  .string(expecting('a string'))
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .optional()
  .meta({ description: 'Opaque: the next_cursor of the previous page.' });
