import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { ProfileIdSchema } from './ids.schema';
import { PageCursorSchema, pageLimitSchema } from './page-query.schema';

/** Page size bounds of a segment's members and of its change log. */
const SEGMENT_PAGE_LIMIT = { min: 1, max: 1000, default: 100 } as const;

/** GET /api/v1/cdp/segments/{id}/members: by profile id, cursor pagination. */
export const SegmentMembersQuerySchema = z.object({
  limit: pageLimitSchema(SEGMENT_PAGE_LIMIT),
  cursor: PageCursorSchema,
});
export type SegmentMembersQuery = z.infer<typeof SegmentMembersQuerySchema>;

/** A current member of a segment. */
const SegmentMemberSchema = z
  .object({
    profile_id: ProfileIdSchema,
    entered_at: DateTimeSchema.meta({ description: 'When the profile entered the segment.' }),
  })
  .meta({ id: 'SegmentMember' });
export type SegmentMember = z.infer<typeof SegmentMemberSchema>;

/** One page of a segment's members, by profile id. */
export const SegmentMembersPageSchema = z
  .object({
    members: z.array(SegmentMemberSchema),
    next_cursor: z.string().nullable().meta({ description: 'Null on the last page.' }),
  })
  .meta({ id: 'SegmentMembersPage' });
export type SegmentMembersPage = z.infer<typeof SegmentMembersPageSchema>;

/** GET /api/v1/cdp/segments/{id}/changes: the membership log, oldest entry first. */
export const SegmentChangesQuerySchema = z.object({
  since: DateTimeSchema.optional().meta({ description: 'Only changes at or after this time.' }),
  cursor: PageCursorSchema,
  limit: pageLimitSchema(SEGMENT_PAGE_LIMIT),
});
export type SegmentChangesQuery = z.infer<typeof SegmentChangesQuerySchema>;

const SegmentChangeKindSchema = z
  .enum(['entered', 'exited'])
  .meta({ description: 'Whether the profile entered or left the segment.' });

/** One entry of a segment's membership log. */
const SegmentChangeSchema = z
  .object({
    profile_id: ProfileIdSchema,
    change: SegmentChangeKindSchema,
    at: DateTimeSchema.meta({ description: 'When the change was evaluated.' }),
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'The version of the segment whose evaluation made the change.' }),
  })
  .meta({ id: 'SegmentChange' });
export type SegmentChange = z.infer<typeof SegmentChangeSchema>;

/** One page of a segment's membership log, in the order the changes were recorded. */
export const SegmentChangesPageSchema = z
  .object({
    changes: z.array(SegmentChangeSchema),
    next_cursor: z.string().meta({
      description:
        'The position after this page: pass it as `cursor` for the next page, or later to ' +
        'read the changes recorded since. Never null, so a reader can always resume.',
    }),
    has_more: z
      .boolean()
      .meta({ description: 'Whether more changes follow now; false once caught up.' }),
  })
  .meta({ id: 'SegmentChangesPage' });
export type SegmentChangesPage = z.infer<typeof SegmentChangesPageSchema>;
