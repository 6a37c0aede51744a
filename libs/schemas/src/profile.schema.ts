import { z } from 'zod';
import { ConsentStateSchema } from './consent.schema';
import { DateTimeSchema } from './datetime.schema';
import { HashedIdentifierSchema } from './identifier.schema';
import { ProfileIdSchema, SegmentIdSchema } from './ids.schema';
import { ProfileMergeSchema, ProfileSplitSchema } from './profile-split.schema';
import { RefusedMergeSchema } from './refused-merge.schema';

/** An identifier linked to a profile, with when it was first and last seen. */
const ProfileIdentifierSchema = HashedIdentifierSchema.extend({
  first_seen_at: DateTimeSchema,
  last_seen_at: DateTimeSchema,
}).meta({ id: 'ProfileIdentifier' });
export type ProfileIdentifier = z.infer<typeof ProfileIdentifierSchema>;

/** The unified customer profile (SPEC §5). A merged-away id answers with the survivor. */
export const ProfileSchema = z
  .object({
    profile_id: ProfileIdSchema,
    identifiers: z.array(ProfileIdentifierSchema),
    traits: z.record(z.string(), z.unknown()),
    consents: z.array(ConsentStateSchema).meta({ description: 'The current state per purpose.' }),
    merged_ids: z
      .array(ProfileIdSchema)
      .meta({ description: 'Ids of the profiles merged into this one; they still resolve.' }),
    splits: z.array(ProfileSplitSchema).meta({
      description:
        'The splits this profile took part in, on either side, oldest first: the other profile is kept apart from it.',
    }),
    merges: z.array(ProfileMergeSchema).meta({
      description:
        'The merges into this profile (at any depth), oldest first: each can be split (`POST /profiles/{id}/split` on the admin API).',
    }),
    refused_merges: z.array(RefusedMergeSchema).meta({
      description:
        'Merges merge protection refused between this profile (or one merged into it) and another, first refused first.',
    }),
    first_seen_at: DateTimeSchema,
    last_seen_at: DateTimeSchema,
    event_count: z.number().int().min(0),
    segments: z.array(SegmentIdSchema).meta({
      description: 'Ids of the live segments the profile is a member of now, in id order.',
    }),
  })
  .meta({ id: 'Profile' });
export type Profile = z.infer<typeof ProfileSchema>;
