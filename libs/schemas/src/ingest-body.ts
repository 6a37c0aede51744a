import { BatchEnvelopeSchema } from './batch.schema';
import { EventSchema } from './event.schema';
import type { Event } from './event.schema';
import type { FieldIssue } from './field-issue.schema';
import { formatIssues } from './format-issues';

export type IngestBodyResult =
  { ok: true; events: unknown[]; batch: boolean } | { ok: false; errors: FieldIssue[] };

/**
 * Splits the body of POST /events into its events without validating them: an object
 * with an `events` key is a batch envelope (1 to 500 events), any other object is a
 * single event. Anything else is refused as a whole.
 */
export function parseIngestBody(body: unknown): IngestBodyResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  }
  if (!Object.hasOwn(body, 'events')) return { ok: true, events: [body], batch: false };
  const envelope = BatchEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, errors: formatIssues(envelope.error) };
  return { ok: true, events: envelope.data.events, batch: true };
}

export type EventParseResult = { ok: true; event: Event } | { ok: false; errors: FieldIssue[] };

/** Validates one event of a request on its own, so it can be rejected alone. */
export function parseEvent(raw: unknown): EventParseResult {
  const result = EventSchema.safeParse(raw);
  return result.success
    ? { ok: true, event: result.data }
    : { ok: false, errors: formatIssues(result.error) };
}
