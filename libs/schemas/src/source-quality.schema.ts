import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { SourceIdSchema } from './ids.schema';
import { MatchQualitySchema } from './match-quality.schema';
import { PageCursorSchema, pageLimitSchema } from './page-query.schema';

/** Days of a source's quality window: 30 by default, at most 90. */
const SOURCE_QUALITY_DAYS = { min: 1, max: 90, default: 30 } as const;

/** Query of GET /sources/{id}/quality. */
export const SourceQualityQuerySchema = z.object({
  days: pageLimitSchema(SOURCE_QUALITY_DAYS).meta({
    description: 'Days the score is rolled over, ending at the last summarised hour.',
  }),
});
export type SourceQualityQuery = z.infer<typeof SourceQualityQuerySchema>;

/** One summarised hour of a source. */
const SourceHourSchema = z
  .object({
    hour: DateTimeSchema.meta({ description: 'Start of the hour, UTC.' }),
    accepted: z.number().int().meta({ description: 'Events received in the hour.' }),
    rejected: z.number().int().meta({ description: 'Events rejected (suppressed apart).' }),
    suppressed: z.number().int().meta({ description: 'Events refused by a suppression.' }),
    score: z.number().min(0).max(10).meta({ description: 'The hour’s match quality, 0–10.' }),
  })
  .meta({ id: 'SourceHour' });
export type SourceHour = z.infer<typeof SourceHourSchema>;

/** A source's match quality over a window, with its hours (oldest first). */
export const SourceQualitySchema = MatchQualitySchema.extend({
  source_id: SourceIdSchema,
  hours: z.array(SourceHourSchema),
}).meta({ id: 'SourceQuality' });
export type SourceQuality = z.infer<typeof SourceQualitySchema>;

const ANOMALIES_PAGE_LIMIT = { min: 1, max: 500, default: 100 } as const;

/** Query of GET /anomalies. */
export const AnomaliesQuerySchema = z.object({
  source_id: SourceIdSchema.optional(),
  since: DateTimeSchema.optional().meta({ description: 'Only hours from this instant on.' }),
  limit: pageLimitSchema(ANOMALIES_PAGE_LIMIT),
  cursor: PageCursorSchema,
});
export type AnomaliesQuery = z.infer<typeof AnomaliesQuerySchema>;

/** One flagged hour of a source (docs/DATA_QUALITY.md). */
export const VolumeAnomalySchema = z
  .object({
    source_id: SourceIdSchema,
    hour: DateTimeSchema.meta({ description: 'Start of the flagged hour, UTC.' }),
    kind: z.enum(['spike', 'drop', 'silence']),
    severity: z.enum(['warning', 'critical']),
    count: z.number().int().meta({ description: 'Events received in the hour.' }),
    expected: z.number().meta({ description: 'Median of the same hour in earlier weeks.' }),
    score: z.number().meta({ description: 'Robust z-score of the hour against them.' }),
    detected_at: DateTimeSchema,
  })
  .meta({ id: 'VolumeAnomaly' });
export type VolumeAnomaly = z.infer<typeof VolumeAnomalySchema>;

/** A page of anomalies, newest hour first. */
export const VolumeAnomalyListSchema = z
  .object({
    anomalies: z.array(VolumeAnomalySchema),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'VolumeAnomalyList' });
export type VolumeAnomalyList = z.infer<typeof VolumeAnomalyListSchema>;
