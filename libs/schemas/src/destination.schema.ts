import { z } from 'zod';
import { ConsentPurposeSchema } from './consent.schema';
import { DateTimeSchema } from './datetime.schema';
import { EventTypeSchema } from './event.schema';
import { SegmentIdSchema } from './ids.schema';
import {
  LONE_SURROGATE_MESSAGE,
  NUL_MESSAGE,
  expecting,
  rangeMessage,
  wellFormed,
  withoutNul,
} from './messages';
import { whenObject } from './when-object';

/** How many event names and segments one destination may list. */
const DESTINATION_LIMITS = { maxEventNames: 100, maxSegments: 100, maxUrlLength: 2048 };

export const DestinationIdSchema = z
  .guid({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a UUID') })
  .meta({
    format: 'uuid',
    description: 'A destination id (UUID).',
    example: '3c9a7f1e-6b2d-4e8f-a1c3-5d7e9f0b2a4c',
  });

/** Path parameters of `/destinations/{id}…`. */
export const DestinationIdParamsSchema = z.object({ id: DestinationIdSchema });

const text = (max: number, example: string) =>
  z
    .string(expecting('a string'))
    .trim()
    .min(1, rangeMessage(1, max, 'characters'))
    .max(max, rangeMessage(1, max, 'characters'))
    .refine(withoutNul, NUL_MESSAGE)
    .refine(wellFormed, LONE_SURROGATE_MESSAGE)
    .meta({ example });

const url = z
  .string(expecting('a string'))
  .max(
    DESTINATION_LIMITS.maxUrlLength,
    `must be at most ${DESTINATION_LIMITS.maxUrlLength} characters`,
  )
  .refine((value) => URL.canParse(value), 'must be an absolute http(s) URL')
  .meta({
    format: 'uri',
    description:
      'Where deliveries are POSTed: http or https, no user name or password. Private, loopback and link-local addresses are refused unless the operator sets DESTINATIONS_ALLOW_PRIVATE=true.',
    example: 'https://hooks.example.com/stratum',
  });

const unique = (values: readonly unknown[]) => new Set(values).size === values.length;

/** What events to send: by type, by name, or both (both must match); `{}` sends every event. */
const DestinationEventsSchema = z
  .object(
    {
      types: z
        .array(EventTypeSchema, expecting('an array'))
        .min(1, 'must list at least one type')
        .refine(unique, 'must not repeat a type')
        .optional()
        .meta({ description: 'Event types to send; every type when absent.' }),
      names: z
        .array(text(200, 'Order Completed'), expecting('an array'))
        .min(1, 'must list at least one name')
        .max(
          DESTINATION_LIMITS.maxEventNames,
          `must list at most ${DESTINATION_LIMITS.maxEventNames} names`,
        )
        .refine(unique, 'must not repeat a name')
        .optional()
        .meta({ description: 'Event names to send; any name when absent.' }),
    },
    expecting('an object'),
  )
  .meta({ id: 'DestinationEvents' });

const segments = z
  .array(SegmentIdSchema, expecting('an array'))
  .max(
    DESTINATION_LIMITS.maxSegments,
    `must list at most ${DESTINATION_LIMITS.maxSegments} segments`,
  )
  .refine(unique, 'must not repeat a segment')
  .meta({
    description: 'Segments whose entries and exits are sent (live segments of the tenant).',
  });

const profileUpdates = z
  .boolean(expecting('a boolean'))
  .meta({ description: 'Send profile updates (traits changed) and merges.' });

const consentPurpose = ConsentPurposeSchema.meta({
  description:
    'Send nothing about a profile unless it has currently granted this purpose (skipped sends are counted, not queued).',
});

const alerts = z.boolean(expecting('a boolean')).meta({
  description:
    'Send volume anomalies of the tenant’s sources (`source.anomaly`, docs/DATA_QUALITY.md); false when absent at creation. Alerts are about no profile: `consent_purpose` does not apply to them.',
});

/** The body of POST /api/v1/cdp/destinations. */
export const DestinationCreateSchema = z
  .object(
    {
      name: text(200, 'CRM sync'),
      url,
      events: DestinationEventsSchema.nullable().optional(),
      segments: segments.nullable().optional(),
      profile_updates: profileUpdates.optional(),
      consent_purpose: consentPurpose.nullable().optional(),
      alerts: alerts.optional(),
    },
    expecting('a JSON object'),
  )
  .meta({ id: 'DestinationCreate' });
export type DestinationCreate = z.infer<typeof DestinationCreateSchema>;

const PATCHABLE = [
  'name',
  'url',
  'events',
  'segments',
  'profile_updates',
  'consent_purpose',
  'alerts',
  'enabled',
] as const;

/** The body of PATCH /api/v1/cdp/destinations/{id}; `null` turns a filter off. */
export const DestinationPatchSchema = z
  .object(
    {
      name: text(200, 'CRM sync').optional(),
      url: url.optional(),
      events: DestinationEventsSchema.nullable().optional(),
      segments: segments.nullable().optional(),
      profile_updates: profileUpdates.optional(),
      consent_purpose: consentPurpose.nullable().optional(),
      alerts: alerts.optional(),
      enabled: z
        .boolean(expecting('a boolean'))
        .optional()
        .meta({ description: 'Re-enabling clears `disabled_reason`.' }),
    },
    expecting('a JSON object'),
  )
  .superRefine((patch, ctx) => {
    if (PATCHABLE.every((key) => patch[key] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `give at least one of ${PATCHABLE.join(', ')}`,
      });
    }
  }, whenObject)
  .meta({ id: 'DestinationPatch' });
export type DestinationPatch = z.infer<typeof DestinationPatchSchema>;

/** A destination as the API returns it. The secret is never returned after creation. */
export const DestinationSchema = z
  .object({
    destination_id: DestinationIdSchema,
    name: z.string(),
    url: z.string(),
    events: z
      .object({ types: z.array(EventTypeSchema), names: z.array(z.string()).nullable() })
      .nullable()
      .meta({ description: 'The events sent; null: none.' }),
    segments: z.array(SegmentIdSchema),
    profile_updates: z.boolean(),
    consent_purpose: ConsentPurposeSchema.nullable(),
    alerts: z.boolean().meta({ description: 'Whether volume anomalies are sent.' }),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable().meta({
      description: 'Why the platform disabled it (a receiver answered 410 Gone); null otherwise.',
    }),
    created_at: DateTimeSchema,
    updated_at: DateTimeSchema,
  })
  .meta({ id: 'Destination' });
export type Destination = z.infer<typeof DestinationSchema>;

/** The answer to POST /api/v1/cdp/destinations: the destination and its signing secret. */
export const DestinationCreatedSchema = DestinationSchema.extend({
  secret: z.string().meta({
    description:
      'The Standard Webhooks signing secret (`whsec_` and base64), shown this once: store it with the receiver.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  }),
}).meta({ id: 'DestinationCreated' });
export type DestinationCreated = z.infer<typeof DestinationCreatedSchema>;

/** The answer to GET /api/v1/cdp/destinations: live destinations, oldest first. */
export const DestinationListSchema = z
  .object({ destinations: z.array(DestinationSchema) })
  .meta({ id: 'DestinationList' });
export type DestinationList = z.infer<typeof DestinationListSchema>;
