import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { normalizeEvent } from './normalize-event';
import type { EventCheck, NormalizeEventOptions } from './normalize-event';

/** Events validated between two yields: about half a millisecond of work. */
const EVENTS_PER_SLICE = 10;

/**
 * Validates and hashes a request's events in slices, yielding to the event loop between
 * them. A 500-event request is tens of milliseconds of synchronous work; done in one go it
 * would hold up every database round trip waiting behind it, among them those of the
 * transaction that holds the tenant's identifier locks, and so every other request.
 */
export async function normalizeEvents(
  raws: readonly unknown[],
  options: NormalizeEventOptions,
): Promise<EventCheck[]> {
  const checks: EventCheck[] = [];
  for (let index = 0; index < raws.length; index++) {
    if (index > 0 && index % EVENTS_PER_SLICE === 0) await yieldToEventLoop();
    checks.push(normalizeEvent(raws[index], index, options));
  }
  return checks;
}
