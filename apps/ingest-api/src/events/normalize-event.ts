import { EventSchema, MAX_EVENT_BYTES, formatIssues } from '@stratum/schemas';
import type { Event } from '@stratum/schemas';
import { hashIdentifiers } from '../identifiers/hash-identifiers';
import type { Issue } from '../identifiers/hash-identifiers';
import type { NormalizedEvent } from '@stratum/ingestion';
import { CORRECTED_OUT_OF_RANGE, isStorableTime, timeRangeIssues } from './storable-time';

export type EventCheck =
  | { ok: true; event: NormalizedEvent }
  | { ok: false; index: number; eventId: string | null; errors: Issue[]; tooLarge?: boolean };

export interface NormalizeEventOptions {
  receivedAt: Date;
  defaultCountry?: string;
  extraPlaceholders?: readonly string[];
}

const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * Validates one raw event and turns it into what is stored: identifiers hashed (placeholders
 * set aside with a warning), the time corrected for client clock skew and kept in UTC.
 * Failures are returned with the path of each bad field; no message echoes a value.
 */
export function normalizeEvent(
  raw: unknown,
  index: number,
  options: NormalizeEventOptions,
): EventCheck {
  const eventId = readEventId(raw);
  const fail = (errors: Issue[]): EventCheck => ({ ok: false, index, eventId, errors });

  if (Buffer.byteLength(JSON.stringify(raw) ?? '') > MAX_EVENT_BYTES) {
    return {
      ok: false,
      index,
      eventId,
      tooLarge: true,
      errors: [{ path: '', message: `event is larger than ${MAX_EVENT_BYTES} bytes` }],
    };
  }
  const parsed = EventSchema.safeParse(raw);
  if (!parsed.success) return fail(formatIssues(parsed.error));
  const event = parsed.data;

  const hashed = hashIdentifiers(event.identifiers, {
    defaultCountry: options.defaultCountry,
    extraPlaceholders: options.extraPlaceholders,
  });
  const timeIssues = timeRangeIssues(event);
  const errors = [...hashed.errors, ...timeIssues];
  const occurredAt = correctedTime(event.timestamp, event.sent_at, options.receivedAt);
  // A time out of range makes the correction meaningless: that time is the one to name.
  if (timeIssues.length === 0) {
    if (occurredAt.getTime() - options.receivedAt.getTime() > MAX_FUTURE_MS) {
      errors.push({ path: 'timestamp', message: 'is more than 24 hours in the future' });
    } else if (!isStorableTime(occurredAt)) {
      errors.push(CORRECTED_OUT_OF_RANGE);
    }
  }
  if (errors.length > 0) return fail(errors);

  return {
    ok: true,
    event: {
      index,
      eventId: event.event_id,
      type: event.type,
      name: event.name ?? null,
      occurredAt,
      sentAt: event.sent_at ? new Date(event.sent_at) : null,
      identifiers: hashed.usable,
      traits: event.traits ?? null,
      rowJson: storedRowJson(event, occurredAt, hashed.all),
      warnings: hashed.warnings,
    },
  };
}

/** The event's own columns of its cdp_events row (see NormalizedEvent.rowJson). */
function storedRowJson(
  event: Event,
  occurredAt: Date,
  identifiers: readonly { type: string; hash: string }[],
): string {
  const json = JSON.stringify;
  return (
    `{"e":${json(event.event_id)},"o":${json(occurredAt.toISOString())},` +
    `"s":${event.sent_at ? json(new Date(event.sent_at).toISOString()) : 'null'},` +
    `"t":${json(event.type)},"n":${json(event.name ?? null)},"i":${json(identifiers)},` +
    `"tr":${json(event.traits ?? null)},"pr":${json(event.properties ?? {})},` +
    `"c":${json(event.context ?? {})}`
  );
}

/** `timestamp + (received_at - sent_at)`: the producer's clock error, removed. */
function correctedTime(
  timestamp: string | undefined,
  sentAt: string | undefined,
  receivedAt: Date,
): Date {
  if (timestamp === undefined) return receivedAt;
  const at = Date.parse(timestamp);
  if (sentAt === undefined) return new Date(at);
  return new Date(at + (receivedAt.getTime() - Date.parse(sentAt)));
}

function readEventId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { event_id?: unknown }).event_id;
  return typeof id === 'string' && id.length <= 128 ? id : null;
}
