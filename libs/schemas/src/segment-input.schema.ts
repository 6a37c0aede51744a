import { z } from 'zod';
import { expecting, rangeMessage, unstorableText } from './messages';
import { SegmentDefinitionSchema } from './segment-definition.schema';
import type { SegmentDefinition } from './segment-definition.schema';

/** The longest segment name (the table's check). */
const SEGMENT_NAME_MAX = 200;

const NAME_MESSAGE = rangeMessage(1, SEGMENT_NAME_MAX, 'characters');

/** A segment's name: trimmed, 1 to 200 characters that PostgreSQL can store. */
const SegmentNameSchema = z
  .string(expecting('a string'))
  .trim()
  .min(1, NAME_MESSAGE)
  .max(SEGMENT_NAME_MAX, NAME_MESSAGE)
  .check((ctx) => {
    const problem = unstorableText(ctx.value);
    if (problem !== undefined)
      ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  })
  .meta({ example: 'Pro customers' });

// Strict, so that a misspelled `defintion` is refused instead of ignored; the message names
// the rule, never the submitted key.
function body<S extends z.core.$ZodLooseShape>(shape: S, fields: string) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `must have no fields but ${fields}`;
      if (issue.code === 'invalid_type') {
        return issue.input === undefined ? 'is required' : 'must be a JSON object';
      }
      return undefined;
    },
  });
}

/** The body of POST /api/v1/cdp/segments: a name and a definition. */
export const SegmentInputSchema = body(
  { name: SegmentNameSchema, definition: SegmentDefinitionSchema },
  'name and definition',
).meta({ id: 'SegmentInput' });

/** A parsed {@link SegmentInputSchema}. */
export type SegmentInput = { name: string; definition: SegmentDefinition };

/** The body of PUT /api/v1/cdp/segments/{id}: a new definition, and the name if it changes. */
export const SegmentUpdateSchema = body(
  { name: SegmentNameSchema.optional(), definition: SegmentDefinitionSchema },
  'name and definition',
).meta({ id: 'SegmentUpdate' });

/** A parsed {@link SegmentUpdateSchema}. */
export type SegmentUpdate = { name?: string; definition: SegmentDefinition };

/** The body of POST /api/v1/cdp/segments/preview: an unsaved definition. */
export const SegmentPreviewRequestSchema = body(
  { definition: SegmentDefinitionSchema },
  'definition',
).meta({ id: 'SegmentPreviewRequest' });

/** A parsed {@link SegmentPreviewRequestSchema}. */
export type SegmentPreviewRequest = { definition: SegmentDefinition };
