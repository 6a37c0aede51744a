import { z } from 'zod';
import { ConsentPurposeSchema, ConsentStatusSchema } from './consent.schema';
import { DateTimeSchema } from './datetime.schema';
import { ProfileIdSchema, SegmentIdSchema } from './ids.schema';
import { expecting } from './messages';
import { whenObject } from './when-object';

const EXPORT_FORMATS = ['csv', 'ndjson', 'json'] as const;

/** How an export is written: CSV with a header row, one JSON object a line, or one array. */
const ExportFormatSchema = z
  .enum(EXPORT_FORMATS, {
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be one of ${EXPORT_FORMATS.join(', ')}`,
  })
  .meta({ id: 'ExportFormat' });
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** GET /api/v1/cdp/exports/profiles: the surviving profiles, by profile id. */
export const ExportProfilesQuerySchema = z.object({
  format: ExportFormatSchema,
  segment: SegmentIdSchema.optional().meta({
    description: 'Only the current members of this segment (needs `segments:read` too).',
  }),
  purpose: ConsentPurposeSchema.optional().meta({
    description: 'Only the profiles whose current consent for this purpose is granted.',
  }),
  after: ProfileIdSchema.optional().meta({
    description: 'Resume: only the profiles after this `profile_id` (the last one received).',
  }),
});
export type ExportProfilesQuery = z.infer<typeof ExportProfilesQuerySchema>;

/** One exported profile: hashes only, never a raw identifier. */
export const ExportedProfileSchema = z
  .object({
    profile_id: ProfileIdSchema,
    created_at: DateTimeSchema,
    updated_at: DateTimeSchema,
    first_seen_at: DateTimeSchema,
    last_seen_at: DateTimeSchema,
    event_count: z.number().int().min(0),
    traits: z.record(z.string(), z.unknown()),
    identifiers: z.array(z.string()).meta({
      description: '`type:hash` of each identifier, oldest first.',
      example: ['email:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    }),
    consents: z.partialRecord(ConsentPurposeSchema, ConsentStatusSchema).meta({
      description: 'The current status of each purpose ever decided, across merged ids.',
      example: { marketing: 'granted' },
    }),
  })
  .meta({ id: 'ExportedProfile' });
export type ExportedProfile = z.infer<typeof ExportedProfileSchema>;

/** GET /api/v1/cdp/exports/events: the tenant's events by time, then event id. */
export const ExportEventsQuerySchema = z
  .object({
    format: ExportFormatSchema,
    from: DateTimeSchema.optional().meta({ description: 'Only events at or after this time.' }),
    to: DateTimeSchema.optional().meta({
      description: 'Only events before this time (exclusive).',
    }),
    profile_id: ProfileIdSchema.optional().meta({
      description: 'Only the events of this profile and of the profiles merged into it.',
    }),
    after: z
      .string(expecting('a string'))
      .min(1, 'must not be empty')
      .max(512, 'must be at most 512 characters')
      .optional()
      .meta({
        description:
          'Resume: only the events after this one. The base64url (unpadded) of the JSON ' +
          '`{"t": timestamp, "e": event_id}` of the last event received.',
      }),
  })
  .superRefine((query, ctx) => {
    if (
      typeof query.from === 'string' &&
      typeof query.to === 'string' &&
      Date.parse(query.from) > Date.parse(query.to)
    ) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    }
  }, whenObject);
export type ExportEventsQuery = z.infer<typeof ExportEventsQuerySchema>;
