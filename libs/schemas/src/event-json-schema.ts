import { z } from 'zod';
import { EventSchema } from './event.schema';

/**
 * The JSON Schema (draft 2020-12) of one event as producers send it, generated from
 * {@link EventSchema}. Rules that JSON Schema cannot say (track needs a name, exactly one
 * of value or hash, forbidden keys, nesting depth) are in the schema's prose only.
 */
export function buildEventJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(EventSchema, { io: 'input' });
}
