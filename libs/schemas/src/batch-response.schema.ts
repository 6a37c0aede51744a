import { z } from 'zod';
import { FieldIssueSchema } from './field-issue.schema';
import { ProfileIdSchema } from './ids.schema';
import { MatchQualitySchema } from './match-quality.schema';

/**
 * `suppressed`: the event carries an identifier under a privacy suppression, so it was not
 * stored; sending it again changes nothing until the identifier is unsuppressed.
 */
const EVENT_RESULT_STATUSES = ['accepted', 'duplicate', 'rejected', 'suppressed'] as const;

/** What became of one event of a request, by its position. */
const EventResultSchema = z
  .object({
    index: z.number().int().min(0),
    event_id: z.string().nullable().meta({ description: 'Null when the event had no usable id.' }),
    status: z.enum(EVENT_RESULT_STATUSES),
    profile_id: ProfileIdSchema.optional().meta({
      description: 'The profile; for a duplicate, the profile of the first.',
    }),
    errors: z.array(FieldIssueSchema).optional().meta({ description: 'Why it was rejected.' }),
    warnings: z
      .array(FieldIssueSchema)
      .optional()
      .meta({ description: 'Identifiers ignored as placeholders, and the like.' }),
  })
  .meta({ id: 'EventResult' });

export type EventResult = z.infer<typeof EventResultSchema>;

/**
 * The answer to POST /api/v1/cdp/events when at least one event was accepted, a duplicate or
 * suppressed.
 */
export const BatchResponseSchema = z
  .object({
    accepted: z.number().int().min(0),
    duplicates: z.number().int().min(0),
    rejected: z.number().int().min(0),
    suppressed: z.number().int().min(1).optional().meta({
      description:
        'Events not stored because they carry a suppressed identifier; present only when there were some.',
    }),
    results: z.array(EventResultSchema),
    match_quality: MatchQualitySchema.meta({
      description: 'How matchable the stored events (accepted and duplicates) are.',
    }),
  })
  .meta({ id: 'BatchResponse' });

export type BatchResponse = z.infer<typeof BatchResponseSchema>;

/** What became of one event of a request answered 202: queued for resolution, or rejected. */
const QueuedEventResultSchema = z
  .object({
    index: z.number().int().min(0),
    event_id: z.string().nullable().meta({ description: 'Null when the event had no usable id.' }),
    status: z.enum(['queued', 'rejected']),
    errors: z.array(FieldIssueSchema).optional().meta({ description: 'Why it was rejected.' }),
    warnings: z
      .array(FieldIssueSchema)
      .optional()
      .meta({ description: 'Identifiers ignored as placeholders, and the like.' }),
  })
  .meta({ id: 'QueuedEventResult' });

/**
 * The answer `202` to POST /api/v1/cdp/events with `Prefer: respond-async`: the valid events
 * are durably in the inbox; the worker resolves them (dedupe, suppression, profiles) behind.
 */
export const QueuedBatchResponseSchema = z
  .object({
    queued: z.number().int().min(1),
    rejected: z.number().int().min(0),
    results: z.array(QueuedEventResultSchema),
    match_quality: MatchQualitySchema.meta({
      description: 'How matchable the queued events are.',
    }),
  })
  .meta({ id: 'QueuedBatchResponse' });

export type QueuedBatchResponse = z.infer<typeof QueuedBatchResponseSchema>;
