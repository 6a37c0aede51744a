import { formatIssues } from './format-issues';
import {
  SegmentInputSchema,
  SegmentPreviewRequestSchema,
  SegmentUpdateSchema,
} from './segment-input.schema';
import type { z } from 'zod';

const PRO = { trait: 'plan', op: 'eq', value: 'pro' };

function issues(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? [] : formatIssues(result.error);
}

describe('segment request bodies', () => {
  it('parse a name (trimmed) and a definition (with its grammar version)', () => {
    expect(SegmentInputSchema.parse({ name: ' Pro ', definition: PRO })).toEqual({
      name: 'Pro',
      definition: { schema: 1, ...PRO },
    });
    expect(SegmentUpdateSchema.parse({ definition: PRO })).toEqual({
      definition: { schema: 1, ...PRO },
    });
    expect(SegmentPreviewRequestSchema.parse({ definition: PRO })).toEqual({
      definition: { schema: 1, ...PRO },
    });
  });

  it.each<[string, z.ZodType, unknown, { path: string; message: string }[]]>([
    [
      'no name',
      SegmentInputSchema,
      { definition: PRO },
      [{ path: 'name', message: 'is required' }],
    ],
    [
      'a blank name',
      SegmentInputSchema,
      { name: ' ', definition: PRO },
      [{ path: 'name', message: 'must be 1 to 200 characters' }],
    ],
    [
      'a lone surrogate in the name',
      SegmentUpdateSchema,
      { name: 'a\ud800', definition: PRO },
      [{ path: 'name', message: expect.stringContaining('lone surrogate') }],
    ],
    [
      'a misspelled field',
      SegmentInputSchema,
      { name: 'X', definition: PRO, 'secret@example.com': 1 },
      [{ path: '', message: 'must have no fields but name and definition' }],
    ],
    [
      'a name in a preview',
      SegmentPreviewRequestSchema,
      { name: 'X', definition: PRO },
      [{ path: '', message: 'must have no fields but definition' }],
    ],
    [
      'not an object',
      SegmentPreviewRequestSchema,
      'x',
      [{ path: '', message: 'must be a JSON object' }],
    ],
    [
      'a bad definition, with its path inside the body',
      SegmentUpdateSchema,
      { definition: { all: [{ trait: 'plan', op: 'like', value: 'x' }] } },
      [{ path: 'definition.all.0.op', message: expect.stringMatching(/^must be one of eq/) }],
    ],
  ])('refuse %s', (_label, schema, input, expected) => {
    expect(issues(schema, input)).toEqual(expected);
  });
});
