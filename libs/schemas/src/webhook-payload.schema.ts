import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { DestinationIdSchema } from './destination.schema';
import { ProfileIdSchema, SegmentIdSchema } from './ids.schema';
import { ProfileEventSchema } from './profile-event.schema';
import { VolumeAnomalySchema } from './source-quality.schema';

/** The `type` of every payload a destination can receive. */
export const WEBHOOK_TYPES = [
  'event.received',
  'profile.updated',
  'profile.merged',
  'segment.entered',
  'segment.exited',
  'profile.erased',
  'source.anomaly',
  'destination.test',
] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

const envelope = <T extends WebhookType, D extends z.ZodType>(type: T, data: D, id: string) =>
  z
    .object({
      type: z.literal(type),
      timestamp: DateTimeSchema.meta({
        description: 'When it happened (UTC), not when this attempt was made.',
      }),
      data,
    })
    .meta({ id });

const JsonRecord = z.record(z.string(), z.unknown());

/** A stored event, as GET /profiles/{id}/events shows it: identifiers as hashes only. */
const EventReceivedPayloadSchema = envelope(
  'event.received',
  ProfileEventSchema,
  'EventReceivedPayload',
);

/** Traits of a profile changed: the keys that changed and the traits now. */
const ProfileUpdatedPayloadSchema = envelope(
  'profile.updated',
  z.object({
    profile_id: ProfileIdSchema,
    changed_traits: z.array(z.string()),
    traits: JsonRecord,
  }),
  'ProfileUpdatedPayload',
);

/** `merged_profile_id` was merged into `profile_id`, which survives. */
const ProfileMergedPayloadSchema = envelope(
  'profile.merged',
  z.object({ profile_id: ProfileIdSchema, merged_profile_id: ProfileIdSchema }),
  'ProfileMergedPayload',
);

const membership = z.object({
  profile_id: ProfileIdSchema,
  segment_id: SegmentIdSchema,
  segment_version: z.number().int().min(1),
});

/** The profile entered the segment (evaluated at that version of its definition). */
const SegmentEnteredPayloadSchema = envelope(
  'segment.entered',
  membership,
  'SegmentEnteredPayload',
);

/** The profile left the segment (or the segment was deleted). */
const SegmentExitedPayloadSchema = envelope('segment.exited', membership, 'SegmentExitedPayload');

/**
 * The profile was erased by a privacy request: forget everything held about `profile_id`.
 * Sent to every destination, whatever it takes and whatever the profile had consented to.
 */
const ProfileErasedPayloadSchema = envelope(
  'profile.erased',
  z.object({
    profile_id: ProfileIdSchema,
    request_id: z.guid().meta({ description: 'The erase request (GET /privacy-requests/{id}).' }),
  }),
  'ProfileErasedPayload',
);

/**
 * A source's hourly volume was flagged (docs/DATA_QUALITY.md), as GET /anomalies shows it
 * but for `detected_at` (the envelope's `timestamp`). Sent once per flag to destinations
 * with `alerts: true`; about no profile, so no consent purpose applies.
 */
const SourceAnomalyPayloadSchema = envelope(
  'source.anomaly',
  VolumeAnomalySchema.omit({ detected_at: true }),
  'SourceAnomalyPayload',
);

/** What POST /destinations/{id}/test sends. */
const DestinationTestPayloadSchema = envelope(
  'destination.test',
  z.object({ destination_id: DestinationIdSchema, message: z.string() }),
  'DestinationTestPayload',
);

/** Every payload a destination can receive, by `type`. */
export const WebhookPayloadSchema = z.discriminatedUnion('type', [
  EventReceivedPayloadSchema,
  ProfileUpdatedPayloadSchema,
  ProfileMergedPayloadSchema,
  SegmentEnteredPayloadSchema,
  SegmentExitedPayloadSchema,
  ProfileErasedPayloadSchema,
  SourceAnomalyPayloadSchema,
  DestinationTestPayloadSchema,
]);
export type WebhookPayloadBody = z.infer<typeof WebhookPayloadSchema>;
