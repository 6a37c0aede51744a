import type { JsonObject } from '@stratum/schemas';
import type { BatchInfo, issuesInto } from './mapped-event';
import { readDateTime } from './read-date-time';

/**
 * A PostHog event's time, as PostHog's ingestion reads it: `timestamp` corrected by the
 * request's `sent_at` (passed on as `sent_at`, which the ingest path applies as
 * `timestamp + (receivedAt − sent_at)`) unless `properties.$ignore_sent_at` is true; with
 * no `timestamp`, `offset` milliseconds before the receive time; else nothing, which the
 * ingest path reads as the receive time.
 */
export function posthogTime(
  message: JsonObject,
  properties: JsonObject,
  batch: BatchInfo,
  take: ReturnType<typeof issuesInto>,
): { timestamp?: string; sent_at?: string } {
  const timestamp = take(readDateTime(message.timestamp, 'timestamp'));
  const sentAt =
    properties.$ignore_sent_at === true
      ? undefined
      : take(readDateTime(batch.sentAt ?? message.sent_at, 'sent_at'));
  if (timestamp !== undefined) {
    return { timestamp, ...(sentAt !== undefined && { sent_at: sentAt }) };
  }
  const offset = message.offset;
  if (offset === undefined || offset === null)
    return sentAt !== undefined ? { sent_at: sentAt } : {};
  if (typeof offset !== 'number' || !Number.isFinite(offset) || offset < 0) {
    take({
      ok: false,
      issue: { path: 'offset', message: 'must be a number of milliseconds, 0 or more' },
    });
    return {};
  }
  return { timestamp: new Date(batch.receivedAt.getTime() - offset).toISOString() };
}
