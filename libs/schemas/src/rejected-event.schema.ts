import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { FieldIssueSchema } from './field-issue.schema';
import { SourceIdSchema } from './ids.schema';
import { PageCursorSchema, pageLimitSchema } from './page-query.schema';

/**
 * Why an event was rejected, a small fixed set (it is a metric label):
 * - `too_large`: the event is over the size limit;
 * - `mapping_failed`: a vendor message that could not become a Stratum event;
 * - `no_usable_identifier`: every identifier is a placeholder (`null`, `unknown`…);
 * - `invalid_identifier`: an identifier is malformed (unknown type, bad email or phone…);
 * - `invalid_field`: any other field is invalid (type, name, timestamp…);
 * - `database_refused`: PostgreSQL refused a value (a character or number it cannot store);
 * - `suppressed`: the event carries an identifier under a privacy suppression (not stored).
 */
export const REJECTION_REASONS = [
  'too_large',
  'mapping_failed',
  'no_usable_identifier',
  'invalid_identifier',
  'invalid_field',
  'database_refused',
  'suppressed',
] as const;

const RejectionReasonSchema = z
  .enum(REJECTION_REASONS, { error: `must be one of ${REJECTION_REASONS.join(', ')}` })
  .meta({ description: 'Why the event was rejected.', example: 'invalid_identifier' });
export type RejectionReason = z.infer<typeof RejectionReasonSchema>;

/** The routes that ingest events, as recorded with a rejection. */
export const REJECTION_ROUTES = ['events', 'segment', 'posthog'] as const;
const RejectionRouteSchema = z.enum(REJECTION_ROUTES).meta({
  description: '`events` (POST /events), `segment` (Segment and RudderStack) or `posthog`.',
});
export type RejectionRoute = z.infer<typeof RejectionRouteSchema>;

/** Page size of the rejected-events log. */
const REJECTED_EVENTS_PAGE_LIMIT = { min: 1, max: 500, default: 50 } as const;
/** GET /api/v1/cdp/rejected-events: newest first, cursor pagination. */
export const RejectedEventsQuerySchema = z.object({
  source_id: SourceIdSchema.optional(),
  reason: RejectionReasonSchema.optional(),
  limit: pageLimitSchema(REJECTED_EVENTS_PAGE_LIMIT),
  cursor: PageCursorSchema,
});
export type RejectedEventsQuery = z.infer<typeof RejectedEventsQuerySchema>;

/** One entry of the rejected-events log. */
const RejectedEventSchema = z
  .object({
    rejected_at: DateTimeSchema,
    source_id: SourceIdSchema.nullable(),
    route: RejectionRouteSchema,
    event_id: z
      .string()
      .nullable()
      .meta({ description: 'The event id (a vendor message id) when there was one.' }),
    index: z.number().int().meta({ description: 'Position of the event in its request.' }),
    reason: RejectionReasonSchema,
    errors: z.array(FieldIssueSchema),
    payload: z.unknown().meta({
      description:
        'The event as received, every identifier value replaced by its SHA-256 hash ' +
        '(`{type, hash, hashed_from}`; vendor fields become `{hashed: …}`). Null when the ' +
        'payload could not be stored; `{"truncated": true, "bytes": n}` for an oversized one.',
    }),
  })
  .meta({ id: 'RejectedEvent' });
export type RejectedEvent = z.infer<typeof RejectedEventSchema>;

export const RejectedEventListSchema = z
  .object({
    rejected_events: z.array(RejectedEventSchema),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next (older) page; null at the end.' }),
  })
  .meta({ id: 'RejectedEventList' });
export type RejectedEventList = z.infer<typeof RejectedEventListSchema>;
