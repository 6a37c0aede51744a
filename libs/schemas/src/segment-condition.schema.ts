import { z } from 'zod';
import { ConsentPurposeSchema, ConsentStatusSchema } from './consent.schema';
import { IdentifierTypeSchema } from './identifier.schema';
import { expecting, unstorableText } from './messages';
import { PropertyFilterSchema, SEGMENT_COUNT_OPS } from './segment-comparison.schema';
import { SEGMENT_LIMITS } from './segment-limits';
import { whenObject } from './when-object';

const { maxDays, maxCount, maxWhere, maxStringLength } = SEGMENT_LIMITS;

const DAYS_MESSAGE = `must be a whole number of days from 1 to ${maxDays}`;

/** A number of days back from now: a whole number from 1 to 3650. */
const SegmentDaysSchema = z
  .int({ error: DAYS_MESSAGE })
  .min(1, DAYS_MESSAGE)
  .max(maxDays, DAYS_MESSAGE);

const COUNT_MESSAGE = `must be a whole number from 0 to ${maxCount}`;

/** How many matching events a profile must have, e.g. `{ op: 'gte', value: 2 }`. */
const EventCountSchema = z.strictObject(
  {
    op: z.enum(SEGMENT_COUNT_OPS, {
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `must be one of ${SEGMENT_COUNT_OPS.join(', ')}`,
    }),
    value: z.int({ error: COUNT_MESSAGE }).min(0, COUNT_MESSAGE).max(maxCount, COUNT_MESSAGE),
  },
  expecting('an object'),
);
export type EventCount = z.infer<typeof EventCountSchema>;

const WHERE_MESSAGE = `must list 1 to ${maxWhere} property filters`;

/**
 * `{ event, count?, within_days?, where? }`: the profile has `count` (default `gte 1`)
 * events of that name, in the last `within_days` days when given, whose properties pass
 * every `where` filter.
 */
export const EventConditionSchema = z
  .strictObject(
    {
      event: z
        .string(expecting('a string'))
        .min(1, 'must not be empty')
        .max(maxStringLength, `must be at most ${maxStringLength} characters`)
        .check((ctx) => {
          const problem = unstorableText(ctx.value);
          if (problem !== undefined) {
            ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
          }
        }),
      count: EventCountSchema.optional(),
      within_days: SegmentDaysSchema.optional(),
      where: z
        .array(PropertyFilterSchema, expecting('an array'))
        .min(1, WHERE_MESSAGE)
        .max(maxWhere, WHERE_MESSAGE)
        .optional(),
    },
    expecting('an object'),
  )
  .meta({ id: 'SegmentEventCondition' });
export type EventCondition = z.infer<typeof EventConditionSchema>;

/** `{ identifier }`: the profile holds at least one identifier of that type. */
export const IdentifierConditionSchema = z
  .strictObject({ identifier: IdentifierTypeSchema }, expecting('an object'))
  .meta({ id: 'SegmentIdentifierCondition' });
export type IdentifierCondition = z.infer<typeof IdentifierConditionSchema>;

/** `{ consent, status }`: the profile's current decision for that purpose is `status`. */
export const ConsentConditionSchema = z
  .strictObject(
    { consent: ConsentPurposeSchema, status: ConsentStatusSchema },
    expecting('an object'),
  )
  .meta({ id: 'SegmentConsentCondition' });
export type ConsentCondition = z.infer<typeof ConsentConditionSchema>;

/** `{ within_days }` (on or after now minus N days) or `{ before_days }` (before it). */
const SeenWindowSchema = z
  .strictObject(
    { within_days: SegmentDaysSchema.optional(), before_days: SegmentDaysSchema.optional() },
    expecting('an object'),
  )
  .superRefine((window, ctx) => {
    const hasWithin = window.within_days !== undefined;
    const hasBefore = window.before_days !== undefined;
    if (hasWithin && hasBefore) {
      ctx.addIssue({
        code: 'custom',
        path: ['before_days'],
        message: 'must not be given together with within_days',
      });
    } else if (!hasWithin && !hasBefore) {
      ctx.addIssue({
        code: 'custom',
        path: ['within_days'],
        message: 'is required (or give before_days instead)',
      });
    }
  }, whenObject)
  .meta({ id: 'SegmentSeenWindow' });
export type SeenWindow = z.infer<typeof SeenWindowSchema>;

/** `{ first_seen: window }`: when the profile was first seen. */
export const FirstSeenConditionSchema = z
  .strictObject({ first_seen: SeenWindowSchema }, expecting('an object'))
  .meta({ id: 'SegmentFirstSeenCondition' });
export type FirstSeenCondition = z.infer<typeof FirstSeenConditionSchema>;

/** `{ last_seen: window }`: when the profile was last seen. */
export const LastSeenConditionSchema = z
  .strictObject({ last_seen: SeenWindowSchema }, expecting('an object'))
  .meta({ id: 'SegmentLastSeenCondition' });
export type LastSeenCondition = z.infer<typeof LastSeenConditionSchema>;
