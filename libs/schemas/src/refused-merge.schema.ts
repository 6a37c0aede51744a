import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { ProfileIdSchema } from './ids.schema';

const RefusedEventIdSchema = z.string().nullable();

/** A merge merge protection refused, as listed on either profile (SPEC §3, step 4). */
export const RefusedMergeSchema = z
  .object({
    other_profile_id: ProfileIdSchema.meta({
      description:
        'The profile kept apart from this one, as it was then (a merged-away id still resolves to its survivor).',
    }),
    other_first_seen_at: DateTimeSchema.meta({
      description: 'When the other profile was first seen.',
    }),
    other_last_seen_at: DateTimeSchema.meta({
      description: 'When the other profile was last seen (as of its merge, if merged since).',
    }),
    reason: z.enum(['identifier_limit', 'split']).meta({
      description:
        'Why, at the last refusal: merging would break an identifier limit, or a split keeps the two apart.',
    }),
    first_event_id: RefusedEventIdSchema.meta({
      description: 'The first event that would have merged them (null for a consent record).',
    }),
    last_event_id: RefusedEventIdSchema.meta({ description: 'The last such event.' }),
    first_refused_at: DateTimeSchema,
    last_refused_at: DateTimeSchema,
    refusals: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'How many events would have merged them.' }),
  })
  .meta({ id: 'RefusedMerge' });
export type RefusedMerge = z.infer<typeof RefusedMergeSchema>;
