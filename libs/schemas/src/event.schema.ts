import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { IdentifierInputSchema } from './identifier.schema';
import { jsonObject } from './json-object.schema';
import { MAX_IDENTIFIERS } from './limits';
import {
  LONE_SURROGATE_MESSAGE,
  NUL_MESSAGE,
  expecting,
  rangeMessage,
  wellFormed,
  withoutNul,
} from './messages';
import { whenObject } from './when-object';

/** Every event type; `track` needs a `name`. */
const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'alias'] as const;

export const EventTypeSchema = z
  .enum(EVENT_TYPES, {
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be one of ${EVENT_TYPES.join(', ')}`,
  })
  .meta({ id: 'EventType' });

export type EventType = z.infer<typeof EventTypeSchema>;

/**
 * One event as a producer sends it (SPEC §4). Unknown top-level keys are dropped. Field
 * rules that need the source's settings (phone default country, email syntax) are applied
 * later by identifier normalization.
 */
export const EventSchema = z
  .object(
    {
      event_id: z
        .string(expecting('a string'))
        .min(1, rangeMessage(1, 128, 'characters'))
        .max(128, rangeMessage(1, 128, 'characters'))
        .refine(withoutNul, NUL_MESSAGE)
        .refine(wellFormed, LONE_SURROGATE_MESSAGE)
        .meta({
          description:
            'Idempotency key: the same id again within the dedupe window is a duplicate.',
          example: '7d1c5c1e-0b6a-4c55-9a53-2f1f4f4d3a10',
        }),
      type: EventTypeSchema,
      name: z
        .string(expecting('a string'))
        .min(1, rangeMessage(1, 255, 'characters'))
        .max(255, rangeMessage(1, 255, 'characters'))
        .refine(withoutNul, NUL_MESSAGE)
        .refine(wellFormed, LONE_SURROGATE_MESSAGE)
        .optional()
        .meta({
          description: 'Event name; required when type is track.',
          example: 'Order Completed',
        }),
      timestamp: DateTimeSchema.optional().meta({
        description: 'When it happened. Missing: the receive time.',
      }),
      sent_at: DateTimeSchema.optional().meta({
        description: 'When the producer sent it; used to correct the producer clock.',
      }),
      identifiers: z
        .array(IdentifierInputSchema, expecting('an array'))
        .min(1, rangeMessage(1, MAX_IDENTIFIERS, 'identifiers'))
        .max(MAX_IDENTIFIERS, rangeMessage(1, MAX_IDENTIFIERS, 'identifiers')),
      traits: jsonObject({
        description: 'Merged into the profile; a later timestamp wins per key.',
      }).optional(),
      properties: jsonObject({ description: 'Stored with the event.' }).optional(),
      context: jsonObject({
        description: 'Stored with the event (ip, user agent, locale…).',
      }).optional(),
    },
    expecting('a JSON object'),
  )
  .superRefine((event, ctx) => {
    if (event.type === 'track' && event.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required when type is track' });
    }
  }, whenObject)
  .meta({
    id: 'Event',
    description: 'One behavioural event carrying customer identifiers.',
    if: { properties: { type: { const: 'track' } }, required: ['type'] },
    then: { required: ['name'] },
  });

export type Event = z.infer<typeof EventSchema>;
