import type { Event, FieldIssue, JsonObject } from '@stratum/schemas';

/**
 * A Stratum event as `POST /api/v1/cdp/events` accepts it, plus `traits_once`: traits
 * that set a profile key only while the profile has none (PostHog's `$set_once`). The
 * events schema does not know `traits_once` yet, so whoever ingests the event applies it.
 */
export type CompatEvent = Event & { traits_once?: JsonObject };

/** One vendor message mapped: the event, or why it cannot be one. */
export type MappedEvent =
  | {
      ok: true;
      event: CompatEvent;
      /**
       * Where each of `event.identifiers` came from in the vendor message (`userId`,
       * `traits.email`…), index for index, so that an identifier refused later is reported
       * under the field the producer knows.
       */
      identifierPaths: string[];
    }
  | { ok: false; errors: FieldIssue[] };

/** What a request carried besides its messages. */
export interface BatchInfo {
  /** The request's root `sentAt` (Segment) or `sent_at` (PostHog), as sent. */
  sentAt?: unknown;
  /** When the request arrived: PostHog's `offset` counts back from it. */
  receivedAt: Date;
}

/** Shorthand for a rejection naming one field. */
export function rejected(path: string, message: string): { ok: false; errors: FieldIssue[] } {
  return { ok: false, errors: [{ path, message }] };
}

/** A field read from a vendor message: its value, or the issue with it. */
export type FieldRead<T> = { ok: true; value: T } | { ok: false; issue: FieldIssue };

/** Returns a reader that unwraps a {@link FieldRead}, adding any issue to `errors`. */
export function issuesInto(errors: FieldIssue[]) {
  return <T>(read: FieldRead<T>): T | undefined => {
    if (read.ok) return read.value;
    errors.push(read.issue);
    return undefined;
  };
}
