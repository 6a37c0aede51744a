import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { ProfileIdSchema, SegmentIdSchema } from './ids.schema';
import { expecting } from './messages';

/** The `type` of every message of the live stream (a webhook payload's types, less the test). */
export const STREAM_TYPES = [
  'event.received',
  'profile.updated',
  'profile.merged',
  'segment.entered',
  'segment.exited',
  'profile.erased',
] as const;
export type StreamType = (typeof STREAM_TYPES)[number];

/**
 * A message's place in the stream, `<xid>:<change>:<n>`: the change it comes from and its
 * rank within it (a batch's events share one change). Opaque: hand it back to resume.
 */
export const StreamIdSchema = z
  .string(expecting('a string'))
  .regex(/^\d{1,20}:\d{1,19}:\d{1,6}$/, 'must be the id of a stream message')
  .meta({
    description: 'The `id` of the last message received: the stream resumes after it.',
    example: '748213:90211:0',
  });

const typesList = z
  .string(expecting('a comma-separated list'))
  .transform((value, ctx): StreamType[] => {
    const names = value.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => !(STREAM_TYPES as readonly string[]).includes(name));
    if (unknown.length > 0 || names.length === 0) {
      ctx.addIssue({ code: 'custom', message: `must list types among ${STREAM_TYPES.join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(names)] as StreamType[];
  })
  .meta({
    description: `Comma-separated types to receive (default all): ${STREAM_TYPES.join(', ')}.`,
    example: 'segment.entered,segment.exited',
  });

/** Query of GET /api/v1/cdp/stream (SSE) and /api/v1/cdp/stream/ws (WebSocket). */
export const StreamQuerySchema = z.object({
  types: typesList.optional(),
  segment: SegmentIdSchema.optional().meta({
    description:
      "Only this segment's entries and exits, and the other messages of its current members " +
      '(needs `segments:read` too).',
  }),
  after: StreamIdSchema.optional(),
});
export type StreamQuery = z.infer<typeof StreamQuerySchema>;

/** One message of the live stream; `data` is the matching webhook payload's `data`. */
export const StreamMessageSchema = z
  .object({
    id: StreamIdSchema.meta({ description: 'Where this message is in the stream.' }),
    type: z.enum(STREAM_TYPES),
    at: DateTimeSchema.meta({ description: 'When it happened (an event: its timestamp).' }),
    profile_id: ProfileIdSchema,
    data: z.record(z.string(), z.unknown()).meta({
      description: 'As the `data` of the webhook payload of the same type (docs/DESTINATIONS.md).',
    }),
  })
  .meta({ id: 'StreamMessage' });
export type StreamMessage = z.infer<typeof StreamMessageSchema>;
