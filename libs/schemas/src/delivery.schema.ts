import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { DestinationIdSchema } from './destination.schema';
import { PageCursorSchema, pageLimitSchema } from './page-query.schema';

const DELIVERY_STATUSES = ['pending', 'failed', 'delivered', 'dead'] as const;

const DeliveryStatusSchema = z
  .enum(DELIVERY_STATUSES, { error: `must be one of ${DELIVERY_STATUSES.join(', ')}` })
  .meta({
    id: 'DeliveryStatus',
    description:
      '`pending`: not attempted yet (or replayed); `failed`: the last attempt failed, another is scheduled; `delivered`: a 2xx answer; `dead`: no attempt left (or the receiver answered 410), until replayed.',
  });
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

const DeliveryIdSchema = z
  .guid({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a UUID') })
  .meta({
    format: 'uuid',
    description: 'A delivery id (UUID).',
    example: '8e2b4c6d-1a3f-4b5e-9c7d-0f1e2d3c4b5a',
  });

/** Path parameters of `/destinations/{id}/deliveries/{delivery_id}/…`. */
export const DeliveryParamsSchema = z.object({
  id: DestinationIdSchema,
  delivery_id: DeliveryIdSchema,
});

/** Page size of a destination's delivery log. */
const DELIVERIES_PAGE_LIMIT = { min: 1, max: 500, default: 50 } as const;

/** GET /api/v1/cdp/destinations/{id}/deliveries: newest first, cursor pagination. */
export const DeliveriesQuerySchema = z.object({
  status: DeliveryStatusSchema.optional(),
  limit: pageLimitSchema(DELIVERIES_PAGE_LIMIT),
  cursor: PageCursorSchema,
});
export type DeliveriesQuery = z.infer<typeof DeliveriesQuerySchema>;

/** One delivery of the log: what was sent and how its attempts went (never its body). */
export const DeliverySchema = z
  .object({
    delivery_id: DeliveryIdSchema,
    destination_id: DestinationIdSchema,
    webhook_id: z.string().meta({
      description: 'The `webhook-id` header of every attempt: the same on retries and replays.',
      example: 'msg_8e2b4c6d1a3f4b5e9c7d0f1e2d3c4b5a',
    }),
    type: z.string().meta({ example: 'event.received' }),
    status: DeliveryStatusSchema,
    attempts: z.number().int().min(0),
    last_status: z
      .number()
      .int()
      .nullable()
      .meta({ description: "The last attempt's HTTP status; null when it got no answer." }),
    last_error: z.string().nullable().meta({
      description: 'Why the last attempt failed, in words (timeout, refused address, HTTP 500…).',
    }),
    latency_ms: z.number().int().nullable().meta({ description: "The last attempt's duration." }),
    next_attempt_at: DateTimeSchema.nullable(),
    last_attempt_at: DateTimeSchema.nullable(),
    created_at: DateTimeSchema,
    delivered_at: DateTimeSchema.nullable(),
  })
  .meta({ id: 'Delivery' });
export type Delivery = z.infer<typeof DeliverySchema>;

/** One page of a destination's delivery log, newest first. */
export const DeliveryPageSchema = z
  .object({
    deliveries: z.array(DeliverySchema),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next (older) page; null at the end.' }),
  })
  .meta({ id: 'DeliveryPage' });
export type DeliveryPage = z.infer<typeof DeliveryPageSchema>;

/** The answer to POST /api/v1/cdp/destinations/{id}/replay-dead. */
export const ReplayDeadResultSchema = z
  .object({
    replayed: z
      .number()
      .int()
      .min(0)
      .meta({ description: 'Dead deliveries queued again, each with a fresh retry schedule.' }),
  })
  .meta({ id: 'ReplayDeadResult' });
export type ReplayDeadResult = z.infer<typeof ReplayDeadResultSchema>;
