import { z } from 'zod';
import { unstorableText } from './messages';
import { SEGMENT_LIMITS } from './segment-limits';

/** The operators of a trait condition and of an event's property filter. */
export const SEGMENT_COMPARISON_OPS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'in',
  'exists',
] as const;
export type SegmentComparisonOp = (typeof SEGMENT_COMPARISON_OPS)[number];

/** The operators of an event condition's `count`. */
export const SEGMENT_COUNT_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export type SegmentCountOp = (typeof SEGMENT_COUNT_OPS)[number];

const { maxStringLength, maxPathLength, maxPathSegments, maxInValues } = SEGMENT_LIMITS;

// Messages never quote the submitted value: they name the rule it broke.
function stringProblem(value: string, allowEmpty: boolean): string | undefined {
  if (!allowEmpty && value.length === 0) return 'must not be empty';
  if (value.length > maxStringLength) return `must be at most ${maxStringLength} characters`;
  return unstorableText(value);
}

function storableString(allowEmpty: boolean) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .check((ctx) => {
      const problem = stringProblem(ctx.value, allowEmpty);
      if (problem !== undefined)
        ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    });
}

/** A value compared for equality: a string, a number or a boolean. */
const SegmentScalarSchema = z.union([storableString(true), z.number(), z.boolean()], {
  error: (issue) => {
    if (issue.input === undefined) return 'is required';
    if (typeof issue.input === 'string') return stringProblem(issue.input, true);
    return 'must be a string, a number or a boolean';
  },
});
export type SegmentScalar = z.infer<typeof SegmentScalarSchema>;

const ORDERED_MESSAGE =
  'must be a number or an ISO 8601 date (2026-01-31, or 2026-01-31T10:00:00Z with an offset)';

const EARLY_YEAR_MESSAGE = 'must be a date from the year 1000 on';
// PostgreSQL refuses year 0, and the dates a trait is read as start at year 1000.
const fromYear1000 = (value: string) => !value.startsWith('0');

/** A bound of gt, gte, lt, lte: a number, or a date (year 1000 on) compared as an instant. */
const SegmentOrderedValueSchema = z.union(
  [
    z.number(),
    z.iso.date().refine(fromYear1000),
    z.iso.datetime({ offset: true }).refine(fromYear1000),
  ],
  {
    error: (issue) => {
      if (issue.input === undefined) return 'is required';
      const early = typeof issue.input === 'string' && /^0\d{3}-/.test(issue.input);
      return early ? EARLY_YEAR_MESSAGE : ORDERED_MESSAGE;
    },
  },
);
export type SegmentOrderedValue = z.infer<typeof SegmentOrderedValueSchema>;

const IN_MESSAGE = `must list 1 to ${maxInValues} values`;

const InValuesSchema = z
  .array(SegmentScalarSchema, {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array'),
  })
  .min(1, IN_MESSAGE)
  .max(maxInValues, IN_MESSAGE);

/**
 * A dotted path into a JSON object (`address.city`, `items.0.sku`). Every segment is a
 * key (or an array index); none may be empty. Any other character is allowed: the path is
 * sent to PostgreSQL as a parameter, never as SQL text.
 */
const SegmentPathSchema = storableString(false).check((ctx) => {
  const problem = pathProblem(ctx.value);
  if (problem !== undefined)
    ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});

function pathProblem(path: string): string | undefined {
  if (path.length > maxPathLength) return `must be at most ${maxPathLength} characters`;
  const segments = path.split('.');
  if (segments.some((segment) => segment.length === 0)) {
    return 'must be a dotted path without empty segments, like address.city';
  }
  if (segments.length > maxPathSegments) {
    return `must have at most ${maxPathSegments} segments`;
  }
  return undefined;
}

/** Splits a valid {@link SegmentPathSchema} path into its segments. */
export function segmentPathSegments(path: string): string[] {
  return path.split('.');
}

const NO_VALUE = z.never({ error: 'must not be given with exists' }).optional();

function opError(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'invalid_type')
    return issue.input === undefined ? 'is required' : 'must be an object';
  const input = issue.input as Record<string, unknown> | undefined;
  if (input?.['op'] === undefined) return 'is required';
  return `must be one of ${SEGMENT_COMPARISON_OPS.join(', ')}`;
}

/**
 * One comparison of the value at a path (`trait` into a profile's traits, `property` into an
 * event's properties), its value's type checked per operator.
 */
function comparisonSchema<const K extends 'trait' | 'property'>(key: K) {
  const path = { [key]: SegmentPathSchema } as { [P in K]: typeof SegmentPathSchema };
  return z.discriminatedUnion(
    'op',
    [
      z.strictObject({ ...path, op: z.literal(['eq', 'neq']), value: SegmentScalarSchema }),
      z.strictObject({
        ...path,
        op: z.literal(['gt', 'gte', 'lt', 'lte']),
        value: SegmentOrderedValueSchema,
      }),
      z.strictObject({ ...path, op: z.literal('contains'), value: storableString(false) }),
      z.strictObject({ ...path, op: z.literal('in'), value: InValuesSchema }),
      z.strictObject({ ...path, op: z.literal('exists'), value: NO_VALUE }),
    ],
    { error: opError },
  );
}

/** `{ trait, op, value }`: a comparison on the profile's traits. */
export const TraitConditionSchema = comparisonSchema('trait').meta({ id: 'SegmentTraitCondition' });
export type TraitCondition = z.infer<typeof TraitConditionSchema>;

/** `{ property, op, value }`: a filter on an event's properties. */
export const PropertyFilterSchema = comparisonSchema('property').meta({
  id: 'SegmentPropertyFilter',
});
export type PropertyFilter = z.infer<typeof PropertyFilterSchema>;

/** The comparison part shared by trait conditions and property filters, per operator. */
export type SegmentComparison = TraitCondition extends infer C
  ? C extends TraitCondition
    ? Omit<C, 'trait'>
    : never
  : never;
