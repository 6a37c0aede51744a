import { AppError } from '@stratum/http';
import { MAX_EVENTS_PER_BATCH } from '@stratum/schemas';

export interface Envelope {
  /** True for `{ "events": [...] }`, false for one bare event. */
  batch: boolean;
  events: unknown[];
}

/** Splits the body into raw events; the request-level shape errors are 400s naming the field. */
export function readEnvelope(body: unknown): Envelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'The body must be one event object or { "events": [...] }',
      errors: [{ path: '', message: 'expected an object' }],
    });
  }
  if (!Object.hasOwn(body, 'events')) return { batch: false, events: [body] };
  const events = (body as { events: unknown }).events;
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_EVENTS_PER_BATCH) {
    throw new AppError('VALIDATION_FAILED', {
      detail: `A batch holds 1 to ${MAX_EVENTS_PER_BATCH} events`,
      errors: [
        { path: 'events', message: `must be an array of 1 to ${MAX_EVENTS_PER_BATCH} events` },
      ],
    });
  }
  return { batch: true, events };
}
