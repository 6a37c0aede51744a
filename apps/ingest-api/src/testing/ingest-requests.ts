import type { IngestRequest, StorableEvent } from '@stratum/ingestion';
import { normalizeEvent } from '../events/normalize-event';

/** A request of valid events, normalized as the route does; throws on an invalid one. */
export function ingestRequest(...raw: Record<string, unknown>[]): IngestRequest {
  const receivedAt = new Date();
  const events = raw.map((event, index) => {
    const check = normalizeEvent(event, index, { receivedAt });
    if (!check.ok) throw new Error(`invalid test event: ${JSON.stringify(check.errors)}`);
    return check.event;
  });
  return { sourceId: null, receivedAt, events };
}

/**
 * The event with a NUL character written into its stored row past validation, which refuses
 * it: PostgreSQL then refuses the insert (22P05), a failure only the database sees.
 */
function refusedByDatabase<E extends StorableEvent>(event: E): E {
  return { ...event, rowJson: `${event.rowJson},"x":"\\u0000"` };
}

/** `request` with the events at `indexes` made {@link refusedByDatabase}. */
export function withRefused(request: IngestRequest, ...indexes: number[]): IngestRequest {
  return {
    ...request,
    events: request.events.map((e, i) => (indexes.includes(i) ? refusedByDatabase(e) : e)),
  };
}
