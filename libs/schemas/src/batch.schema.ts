import { z } from 'zod';
import { EventSchema } from './event.schema';
import { MAX_EVENTS_PER_BATCH } from './limits';
import { expecting, rangeMessage } from './messages';

const BATCH_SIZE_MESSAGE = rangeMessage(1, MAX_EVENTS_PER_BATCH, 'events');

/**
 * The batch envelope alone. Each event stays `unknown` so that it can be validated on its
 * own with {@link EventSchema} and rejected without failing its neighbours.
 */
export const BatchEnvelopeSchema = z.object(
  {
    events: z
      .array(z.unknown(), expecting('an array'))
      .min(1, BATCH_SIZE_MESSAGE)
      .max(MAX_EVENTS_PER_BATCH, BATCH_SIZE_MESSAGE),
  },
  expecting('a JSON object'),
);

export type BatchEnvelope = z.infer<typeof BatchEnvelopeSchema>;

/** A batch as documented: the envelope with every event typed. */
const EventBatchSchema = z
  .object({
    events: z.array(EventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
  })
  .meta({ id: 'EventBatch', description: `1 to ${MAX_EVENTS_PER_BATCH} events.` });

export type EventBatch = z.infer<typeof EventBatchSchema>;

/** The body of POST /api/v1/cdp/events: one event, or a batch of them. */
export const EventsRequestSchema = z
  .union([EventSchema, EventBatchSchema])
  .meta({ id: 'EventsRequest', description: 'One event object, or `{ "events": [ … ] }`.' });

export type EventsRequest = z.infer<typeof EventsRequestSchema>;
