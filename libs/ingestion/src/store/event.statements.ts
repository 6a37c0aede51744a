import { sqlArray, sqlInteger, sqlJsonb, sqlString, sqlText } from '@stratum/db';
import type { SqlText } from '@stratum/db';
import type { StorableEvent } from './normalized-event';

/** What a dedupe claim needs of an event: its id, its time, and when its request arrived. */
export interface DedupeClaim {
  eventId: string;
  occurredAt: Date;
  receivedAt: Date;
}

/**
 * Claims the events' dedupe keys, returning those claimed (`event_id`). A key that is new,
 * or older than the window (counted back from the claiming event's receive time), is
 * claimed; a live one is a duplicate. A concurrent claim of the same key waits for the other
 * transaction, so a retried event is stored exactly once. Keys go in sorted order so two
 * batches sharing keys cannot deadlock on them.
 */
export function claimDedupeKeysStatement(
  tenantId: string,
  claims: readonly DedupeClaim[],
  windowDays: number,
): SqlText | undefined {
  if (claims.length === 0) return undefined;
  const sorted = [...claims].sort((a, b) =>
    a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0,
  );
  return sqlText`INSERT INTO cdp_event_dedupe (tenant_id, event_id, received_at, occurred_at)
    SELECT ${sqlString(tenantId)}::uuid, e, r, o
    FROM unnest(
      ${sqlArray(
        sorted.map((c) => c.eventId),
        'text',
      )},
      ${sqlArray(
        sorted.map((c) => c.receivedAt.toISOString()),
        'timestamptz',
      )},
      ${sqlArray(
        sorted.map((c) => c.occurredAt.toISOString()),
        'timestamptz',
      )}
    ) AS u(e, r, o)
    ON CONFLICT (tenant_id, event_id) DO UPDATE
      SET received_at = EXCLUDED.received_at, occurred_at = EXCLUDED.occurred_at
      WHERE cdp_event_dedupe.received_at
        < EXCLUDED.received_at - make_interval(days => ${sqlInteger(Math.trunc(windowDays))})
    RETURNING event_id`;
}

/**
 * Gives back dedupe keys this transaction claimed for events it does not store (they carry
 * a suppressed identifier), so that the same event is stored if sent after an unsuppress.
 */
export function releaseDedupeKeysStatement(
  tenantId: string,
  eventIds: readonly string[],
): SqlText | undefined {
  if (eventIds.length === 0) return undefined;
  return sqlText`DELETE FROM cdp_event_dedupe
    WHERE tenant_id = ${sqlString(tenantId)}::uuid AND event_id = ANY(${sqlArray(eventIds, 'text')})`;
}

/** The (surviving) profile each already-stored event went to: `event_id`, `profile_id`. */
export function findDuplicateProfilesStatement(
  tenantId: string,
  eventIds: readonly string[],
): SqlText | undefined {
  if (eventIds.length === 0) return undefined;
  return sqlText`SELECT d.event_id, coalesce(p.merged_into, p.profile_id) AS profile_id
    FROM cdp_event_dedupe d
    JOIN cdp_events e
      ON e.tenant_id = d.tenant_id AND e.event_id = d.event_id AND e.occurred_at = d.occurred_at
    JOIN cdp_profiles p ON p.tenant_id = e.tenant_id AND p.profile_id = e.profile_id
    WHERE d.tenant_id = ${sqlString(tenantId)}::uuid
      AND d.event_id = ANY(${sqlArray(eventIds, 'text')})`;
}

export interface StoredEvent {
  event: StorableEvent;
  profileId: string;
  sourceId: string | null;
  receivedAt: Date;
}

/**
 * Appends the events in one statement. The rows travel as one JSON array built from the
 * events' prepared columns (no work left for the transaction but appending three fields to
 * each), parsed once as jsonb: json_to_recordset would parse each jsonb column a second time.
 */
export function insertEventsStatement(
  tenantId: string,
  rows: readonly StoredEvent[],
): SqlText | undefined {
  if (rows.length === 0) return undefined;
  const json = rows
    .map(
      (r) =>
        `${r.event.rowJson},"p":"${r.profileId}","r":"${r.receivedAt.toISOString()}",` +
        `"src":${r.sourceId === null ? 'null' : `"${r.sourceId}"`}}`,
    )
    .join(',');
  return sqlText`INSERT INTO cdp_events
      (tenant_id, event_id, occurred_at, received_at, sent_at, source_id, profile_id, type, name,
       identifiers, traits, properties, context)
    SELECT ${sqlString(tenantId)}::uuid, e, o, r, s, src, p, t, n, i, tr, pr, c
    FROM jsonb_to_recordset(${sqlJsonb(`[${json}]`)}) AS u(
      e text, o timestamptz, r timestamptz, s timestamptz, src uuid, p uuid, t text, n text,
      i jsonb, tr jsonb, pr jsonb, c jsonb)`;
}
