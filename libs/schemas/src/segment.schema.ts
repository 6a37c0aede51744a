import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { ProfileIdSchema, SegmentIdSchema } from './ids.schema';
import { SegmentDefinitionSchema } from './segment-definition.schema';

/** A stored segment at its current version, as the API returns it. */
export const SegmentSchema = z
  .object({
    segment_id: SegmentIdSchema,
    name: z.string().meta({ example: 'Pro customers' }),
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: '1 on creation; each update adds one.', example: 1 }),
    definition: SegmentDefinitionSchema,
    created_at: DateTimeSchema,
    updated_at: DateTimeSchema.meta({ description: 'When the current version was written.' }),
  })
  .meta({ id: 'Segment' });
export type Segment = z.infer<typeof SegmentSchema>;

/** The answer to GET /api/v1/cdp/segments/{id}: the segment and how many members it has. */
export const SegmentDetailSchema = SegmentSchema.extend({
  member_count: z
    .number()
    .int()
    .min(0)
    .meta({
      description:
        'Profiles that are members now, as stored: kept current by the worker within seconds of ' +
        'each change, and by the hourly re-evaluation for time-relative conditions.',
      example: 1,
    }),
}).meta({ id: 'SegmentDetail' });
export type SegmentDetail = z.infer<typeof SegmentDetailSchema>;

/** The answer to GET /api/v1/cdp/segments: the live segments, oldest first. */
export const SegmentListSchema = z
  .object({ segments: z.array(SegmentSchema) })
  .meta({ id: 'SegmentList' });
export type SegmentList = z.infer<typeof SegmentListSchema>;

/** How many member ids a preview returns. */
export const SEGMENT_PREVIEW_SAMPLE_SIZE = 20;

/** The answer to POST /api/v1/cdp/segments/preview. */
export const SegmentPreviewResultSchema = z
  .object({
    count: z.number().int().min(0).meta({ description: 'Profiles the definition matches now.' }),
    sample: z
      .array(ProfileIdSchema)
      .max(SEGMENT_PREVIEW_SAMPLE_SIZE)
      .meta({
        description: `Up to ${SEGMENT_PREVIEW_SAMPLE_SIZE} of them, in profile id order.`,
      }),
  })
  .meta({ id: 'SegmentPreviewResult' });
export type SegmentPreviewResult = z.infer<typeof SegmentPreviewResultSchema>;
