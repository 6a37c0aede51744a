import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import type { IngestTracker } from '../load/ingest-tracker';

/** One check of the end of the run: what was checked, whether it held, the figures. */
export interface CorrectnessCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * The correctness checks at the end of a run, comparing the client's books with the
 * database:
 * 1. no identifier on two profiles: each (type, hash) is one row, linked to a live profile,
 *    and every identifier of every stored event sits on that event's (surviving) profile;
 * 2. every accepted event stored exactly once (count, distinct ids, and a checksum of the
 *    accepted sequence numbers; one dedupe key each), nothing accepted twice, no request
 *    failed;
 * 3. retries stored nothing: every resend was answered `duplicate` (for requests answered
 *    202, whose resends are queued too, check 2 alone shows that they stored nothing).
 */
export async function checkCorrectness(
  db: Db,
  tenantId: string,
  tracker: IngestTracker,
): Promise<CorrectnessCheck[]> {
  return [
    await checkIdentifiers(db, tenantId),
    await checkExactlyOnce(db, tenantId, tracker),
    tracker.retriesQueued > 0 ? checkQueuedRetries(tracker) : checkRetries(tracker),
  ];
}

async function checkIdentifiers(db: Db, tenantId: string): Promise<CorrectnessCheck> {
  const { rows } = await sql<{
    duplicated: number;
    orphaned: number;
    split: number;
    links: number;
  }>`
    SELECT
      (SELECT count(*) FROM (
         SELECT 1 FROM cdp_profile_identifiers WHERE tenant_id = ${tenantId}
         GROUP BY identifier_type, identifier_hash HAVING count(*) > 1) d) AS duplicated,
      (SELECT count(*) FROM cdp_profile_identifiers i
         LEFT JOIN cdp_profiles p ON p.tenant_id = i.tenant_id AND p.profile_id = i.profile_id
        WHERE i.tenant_id = ${tenantId} AND (p.profile_id IS NULL OR p.merged_into IS NOT NULL)) AS orphaned,
      (SELECT count(*) FROM cdp_events e
         LEFT JOIN cdp_profiles p ON p.tenant_id = e.tenant_id AND p.profile_id = e.profile_id
         CROSS JOIN LATERAL jsonb_array_elements(e.identifiers) AS x(id)
         LEFT JOIN cdp_profile_identifiers i
           ON i.tenant_id = e.tenant_id AND i.identifier_type = x.id ->> 'type'
          AND i.identifier_hash = (x.id ->> 'hash')::char(64)
        WHERE e.tenant_id = ${tenantId}
          AND (p.profile_id IS NULL OR i.profile_id IS DISTINCT FROM coalesce(p.merged_into, p.profile_id))) AS split,
      (SELECT count(*) FROM cdp_profile_identifiers WHERE tenant_id = ${tenantId}) AS links`.execute(
    db,
  );
  const r = rows[0]!;
  return {
    name: 'no identifier on two profiles',
    ok: r.duplicated === 0 && r.orphaned === 0 && r.split === 0,
    detail:
      `${r.links.toLocaleString('en-US')} identifiers: ${r.duplicated} on several rows, ` +
      `${r.orphaned} on a merged-away or missing profile, ` +
      `${r.split} event identifiers not on their event's profile`,
  };
}

async function checkExactlyOnce(
  db: Db,
  tenantId: string,
  tracker: IngestTracker,
): Promise<CorrectnessCheck> {
  const { rows } = await sql<{
    stored: number;
    distinct_ids: number;
    seq_sum: string;
    seq_squares: string;
    dedupe_keys: number;
  }>`
    SELECT count(*) AS stored, count(DISTINCT event_id) AS distinct_ids,
           coalesce(sum(seq), 0)::text AS seq_sum, coalesce(sum(seq * seq), 0)::text AS seq_squares,
           (SELECT count(*) FROM cdp_event_dedupe WHERE tenant_id = ${tenantId}) AS dedupe_keys
    FROM (SELECT event_id, split_part(event_id, '-', 2)::numeric AS seq
          FROM cdp_events WHERE tenant_id = ${tenantId}) e`.execute(db);
  const r = rows[0]!;
  const problems: string[] = [];
  if (r.stored !== tracker.accepted)
    problems.push(`${r.stored} stored ≠ ${tracker.accepted} accepted`);
  if (r.distinct_ids !== r.stored) problems.push(`${r.stored - r.distinct_ids} stored twice`);
  if (BigInt(r.seq_sum) !== tracker.seqSum || BigInt(r.seq_squares) !== tracker.seqSquares) {
    problems.push('the stored event ids are not the accepted ones');
  }
  if (r.dedupe_keys !== r.stored)
    problems.push(`${r.dedupe_keys} dedupe keys for ${r.stored} events`);
  if (tracker.acceptedTwice > 0) problems.push(`${tracker.acceptedTwice} events accepted twice`);
  if (tracker.freshAnsweredDuplicate > 0) {
    problems.push(`${tracker.freshAnsweredDuplicate} first sends answered duplicate`);
  }
  if (tracker.rejected > 0) problems.push(`${tracker.rejected} valid events rejected`);
  if (tracker.failedRequests > 0) {
    // What the first few answered (or why they got no answer), to tell load from a fault.
    problems.push(
      `${tracker.failedRequests} requests failed (${tracker.failures.join(' | ') || 'no reason kept'})`,
    );
  }
  return {
    name: 'every accepted event stored exactly once',
    ok: problems.length === 0,
    detail:
      problems.length === 0
        ? `${tracker.accepted.toLocaleString('en-US')} accepted, ${r.stored.toLocaleString('en-US')} stored, ids and checksum match`
        : problems.join('; '),
  };
}

function checkRetries(tracker: IngestTracker): CorrectnessCheck {
  const ok =
    tracker.retriesSent > 0 &&
    tracker.retriesAccepted === 0 &&
    tracker.retriesAnsweredDuplicate === tracker.retriesSent;
  return {
    name: 'retries stored nothing',
    ok,
    detail:
      `${tracker.retriesSent.toLocaleString('en-US')} resends: ` +
      `${tracker.retriesAnsweredDuplicate.toLocaleString('en-US')} answered duplicate, ` +
      `${tracker.retriesAccepted} accepted`,
  };
}

function checkQueuedRetries(tracker: IngestTracker): CorrectnessCheck {
  const ok = tracker.retriesQueued === tracker.retriesSent && tracker.retriesAccepted === 0;
  return {
    name: 'retries queued, stored nothing',
    ok,
    detail:
      `${tracker.retriesSent.toLocaleString('en-US')} resends, ` +
      `${tracker.retriesQueued.toLocaleString('en-US')} queued; none among the stored (check above)`,
  };
}
