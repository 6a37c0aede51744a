import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { ProfileIdSchema } from './ids.schema';
import { expecting } from './messages';

const MergeIdSchema = z
  .guid({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a UUID') })
  .meta({
    format: 'uuid',
    description: "A merge's id, as listed in the profile's `merges`.",
    example: '3c6a1f0e-7b2d-4e9a-8f1c-5d4b3a2e1f0a',
  });

/** POST /api/v1/cdp/profiles/{id}/split. */
export const ProfileSplitInputSchema = z
  .object({ merge_id: MergeIdSchema }, expecting('an object'))
  .meta({
    id: 'ProfileSplitInput',
    example: { merge_id: '3c6a1f0e-7b2d-4e9a-8f1c-5d4b3a2e1f0a' },
  });
export type ProfileSplitInput = z.infer<typeof ProfileSplitInputSchema>;

/** The answer to a split. */
export const ProfileSplitResultSchema = z
  .object({
    profile_id: ProfileIdSchema.meta({ description: 'The profile the merge was split from.' }),
    restored_profile_id: ProfileIdSchema.meta({
      description: 'The profile the merge had merged away, a profile again.',
    }),
    identifiers_moved: z.number().int().min(0).meta({
      description: 'Identifiers given back to the restored profile.',
    }),
    events_moved: z.number().int().min(0).meta({
      description:
        'Events received since the merge that carry only those identifiers, moved to the restored profile.',
    }),
  })
  .meta({ id: 'ProfileSplitResult' });
export type ProfileSplitResult = z.infer<typeof ProfileSplitResultSchema>;

/** A merge into a profile, as listed on it. */
export const ProfileMergeSchema = z
  .object({
    merge_id: MergeIdSchema,
    merged_profile_id: ProfileIdSchema,
    merged_at: DateTimeSchema,
    event_id: z
      .string()
      .nullable()
      .meta({ description: 'The event that caused the merge, when there was one.' }),
    first_seen_at: DateTimeSchema.meta({
      description: 'When the merged profile was first seen, as of the merge.',
    }),
    last_seen_at: DateTimeSchema.meta({
      description: 'When the merged profile was last seen, as of the merge.',
    }),
  })
  .meta({ id: 'ProfileMerge' });
export type ProfileMerge = z.infer<typeof ProfileMergeSchema>;

/** A split a profile took part in, on either side, as listed on it. */
export const ProfileSplitSchema = z
  .object({
    split_id: z.guid().meta({ format: 'uuid' }),
    merge_id: MergeIdSchema.meta({ description: 'The merge that was split.' }),
    other_profile_id: ProfileIdSchema.meta({
      description: 'The profile on the other side, kept apart from this one since.',
    }),
    other_first_seen_at: DateTimeSchema.meta({
      description: 'When the other profile was first seen.',
    }),
    other_last_seen_at: DateTimeSchema.meta({
      description: 'When the other profile was last seen (as of its merge, if merged since).',
    }),
    split_at: DateTimeSchema,
  })
  .meta({ id: 'ProfileSplit' });
export type ProfileSplit = z.infer<typeof ProfileSplitSchema>;
