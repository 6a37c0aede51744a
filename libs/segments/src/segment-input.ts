import { SegmentDefinitionSchema } from '@stratum/schemas';
import type { SegmentDefinition } from '@stratum/schemas';
import { z } from 'zod';

/** The longest segment name (the table's check). */
export const SEGMENT_NAME_MAX = 200;

/** A segment as written: a name and a definition, both checked. */
export const SegmentInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(SEGMENT_NAME_MAX),
  definition: SegmentDefinitionSchema,
});

/** A parsed {@link SegmentInputSchema}. */
export type SegmentInput = { name: string; definition: SegmentDefinition };

/** An update: a new definition, and the name when it changes. */
export const SegmentUpdateSchema = SegmentInputSchema.partial({ name: true });

/** A parsed {@link SegmentUpdateSchema}. */
export type SegmentUpdate = { name?: string; definition: SegmentDefinition };

/** Why a write was refused: each issue has the path of the field (`definition.all.2.op`). */
export interface SegmentInputIssue {
  path: (string | number)[];
  message: string;
}

/** The issues of a failed parse, as values the API can answer with. */
export function inputIssues(error: z.ZodError): SegmentInputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((part) => typeof part !== 'symbol'),
    message: issue.message,
  }));
}
