import type { AuthContext, Metrics } from '@stratum/http';
import type { BatchResponse, QueuedBatchResponse, RejectionRoute } from '@stratum/schemas';
import type { Issue } from '../identifiers/hash-identifiers';
import { rejectedEntries } from '../rejected/rejected-entries';
import type { LoggedPayload, StagedRejection } from '../rejected/rejected-entries';
import { SUPPRESSED_ISSUE } from '@stratum/ingestion';
import type {
  InboxAppend,
  IngestQueue,
  NormalizedEvent,
  RejectedEventsLog,
  TenantSettingsReader,
} from '@stratum/ingestion';
import { batchMatchQuality } from './batch-match-quality';
import { normalizeEvents } from './normalize-events';
import type { EventCheck } from './normalize-event';

export interface IngestEventsDeps {
  getTenantSettings: TenantSettingsReader;
  metrics: Metrics;
  queue: IngestQueue;
  /** Appends validated events for the worker to resolve (`Prefer: respond-async`). */
  appendToInbox: (append: InboxAppend) => Promise<void>;
  rejectedLog: RejectedEventsLog;
}

/** `sync`: stored before the answer (profile ids in it); `async`: queued in the inbox, 202. */
export type IngestMode = 'sync' | 'async';

/**
 * One entry of a request, in request order: a raw Stratum event (with the traits it sets
 * only where the profile has none), or one already refused before it became an event (a
 * vendor message that cannot be mapped), kept so that indices stay the request's. A refused
 * entry brings its own payload for the rejected-events log, already redacted.
 */
export type IngestEntry =
  | { raw: unknown; traitsOnce?: Record<string, unknown> }
  | { refused: Issue[]; eventId: string | null; tooLarge?: boolean; redacted?: unknown };

export type Rejection = Extract<EventCheck, { ok: false }>;

/** Every event accepted, duplicate or rejected, or queued, or nothing accepted and why. */
export type IngestOutcome =
  | { ok: true; queued?: false; body: BatchResponse }
  | { ok: true; queued: true; body: QueuedBatchResponse }
  | { ok: false; rejected: Rejection[] };

type Result = BatchResponse['results'][number];

/**
 * The one ingest path of every route that takes events (POST /events and the vendor
 * routes): validate and hash each event, store the valid ones through the ingest queue
 * (resolution, dedupe by event_id, one transaction), and report per event. Nothing is
 * stored when nothing is valid. Every rejected event, of an accepted request or not, goes to
 * the rejected-events log once the accepted ones are committed, and so does every event not
 * stored because it carries a suppressed identifier (answered `suppressed`, not an error).
 */
export async function ingestEvents(
  deps: IngestEventsDeps,
  auth: AuthContext,
  receivedAt: Date,
  entries: readonly IngestEntry[],
  route: RejectionRoute,
  mode: IngestMode = 'sync',
): Promise<IngestOutcome> {
  const settings = await deps.getTenantSettings(auth.tenantId);
  const normalize = {
    defaultCountry: auth.source?.defaultCountry ?? undefined,
    extraPlaceholders: settings.junkIdentifierValues,
  };
  const stages = new Map<number, StagedRejection['stage']>();
  const logRejected = (rejected: readonly Rejection[]) =>
    deps.rejectedLog.record(
      auth.tenantId,
      rejectedEntries({
        route,
        sourceId: auth.sourceId,
        rejections: rejected.map((r) => ({ ...r, stage: stages.get(r.index) ?? 'validation' })),
        payloadOf: (index) => loggedPayload(entries[index]),
        normalize,
      }),
    );
  const positions: number[] = [];
  const raws: unknown[] = [];
  const onceTraits = new Map<number, Record<string, unknown>>();
  const refusedEarly: Rejection[] = [];
  entries.forEach((entry, index) => {
    if ('refused' in entry) {
      refusedEarly.push({
        ok: false,
        index,
        eventId: entry.eventId,
        errors: entry.refused,
        ...(entry.tooLarge === true ? { tooLarge: true } : {}),
      });
      stages.set(index, 'mapping');
      return;
    }
    positions.push(index);
    raws.push(entry.raw);
    if (entry.traitsOnce !== undefined) onceTraits.set(index, entry.traitsOnce);
  });

  const checks = await normalizeEvents(raws, { receivedAt, ...normalize });
  const invalid = [...refusedEarly];
  const valid: NormalizedEvent[] = [];
  for (const check of checks) {
    const index = positions[check.ok ? check.event.index : check.index]!;
    if (!check.ok) invalid.push({ ...check, index });
    else valid.push({ ...check.event, index, traitsOnce: onceTraits.get(index) ?? null });
  }
  if (valid.length === 0) {
    const rejected = sortByIndex(invalid);
    await logRejected(rejected);
    return { ok: false, rejected };
  }
  if (mode === 'async') {
    const rejected = sortByIndex(invalid);
    await deps.appendToInbox({
      tenantId: auth.tenantId,
      sourceId: auth.sourceId,
      receivedAt,
      route,
      events: valid,
    });
    await logRejected(rejected);
    deps.metrics.eventsTotal.inc({ status: 'queued' }, valid.length);
    deps.metrics.eventsTotal.inc({ status: 'rejected' }, rejected.length);
    return { ok: true, queued: true, body: queuedBody(entries, valid, rejected) };
  }

  const stored = await deps.queue.submit(
    { tenantId: auth.tenantId, settings },
    { sourceId: auth.sourceId, receivedAt, events: valid },
  );

  const validByIndex = new Map(valid.map((e) => [e.index, e]));
  // Events whose content PostgreSQL refused: rejected like those validation refused.
  const refused = stored.flatMap((r): Rejection[] => {
    if (r.status === 'rejected') stages.set(r.index, 'database');
    return r.status === 'rejected'
      ? [
          {
            ok: false,
            index: r.index,
            eventId: validByIndex.get(r.index)!.eventId,
            errors: r.errors,
          },
        ]
      : [];
  });
  const suppressed = stored.flatMap((r): Rejection[] => {
    if (r.status !== 'suppressed') return [];
    stages.set(r.index, 'suppression');
    const eventId = validByIndex.get(r.index)!.eventId;
    return [{ ok: false, index: r.index, eventId, errors: [{ ...SUPPRESSED_ISSUE }] }];
  });
  const rejected = sortByIndex([...invalid, ...refused]);
  await logRejected(sortByIndex([...rejected, ...suppressed]));
  if (refused.length === stored.length) return { ok: false, rejected };

  const results: Result[] = new Array<Result>(entries.length);
  for (const r of rejected) results[r.index] = rejectedResult(r);
  for (const r of stored) {
    if (r.status === 'rejected') continue;
    const eventId = validByIndex.get(r.index)!.eventId;
    if (r.status === 'suppressed') {
      results[r.index] = { index: r.index, event_id: eventId, status: 'suppressed' };
      continue;
    }
    results[r.index] =
      r.status === 'accepted'
        ? {
            index: r.index,
            event_id: eventId,
            status: 'accepted',
            profile_id: r.profileId,
            ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
          }
        : {
            index: r.index,
            event_id: eventId,
            status: 'duplicate',
            ...(r.profileId ? { profile_id: r.profileId } : {}),
          };
    if (r.status === 'accepted') deps.metrics.resolutionOutcomes.inc({ outcome: r.outcome });
  }

  const kept = stored.filter((r) => r.status === 'accepted' || r.status === 'duplicate');
  const body: BatchResponse = {
    accepted: stored.filter((r) => r.status === 'accepted').length,
    duplicates: stored.filter((r) => r.status === 'duplicate').length,
    rejected: rejected.length,
    ...(suppressed.length > 0 ? { suppressed: suppressed.length } : {}),
    results,
    match_quality: batchMatchQuality(
      kept.map((r) => ({ event: validByIndex.get(r.index)!, raw: rawOf(entries[r.index]) })),
    ),
  };
  deps.metrics.eventsTotal.inc({ status: 'accepted' }, body.accepted);
  deps.metrics.eventsTotal.inc({ status: 'duplicate' }, body.duplicates);
  deps.metrics.eventsTotal.inc({ status: 'rejected' }, body.rejected);
  deps.metrics.eventsTotal.inc({ status: 'suppressed' }, suppressed.length);
  return { ok: true, body };
}

/** A rejected event's result, in either answer. */
function rejectedResult(r: Rejection) {
  return {
    index: r.index,
    event_id: r.eventId ?? '',
    status: 'rejected' as const,
    errors: r.errors,
  };
}

/** The 202 answer: each valid event queued (with its warnings), each other one rejected. */
function queuedBody(
  entries: readonly IngestEntry[],
  valid: readonly NormalizedEvent[],
  rejected: readonly Rejection[],
): QueuedBatchResponse {
  const results = new Array<QueuedBatchResponse['results'][number]>(entries.length);
  for (const r of rejected) results[r.index] = rejectedResult(r);
  for (const event of valid) {
    results[event.index] = {
      index: event.index,
      event_id: event.eventId,
      status: 'queued',
      ...(event.warnings.length > 0 ? { warnings: event.warnings } : {}),
    };
  }
  return {
    queued: valid.length,
    rejected: rejected.length,
    results,
    match_quality: batchMatchQuality(
      valid.map((event) => ({ event, raw: rawOf(entries[event.index]) })),
    ),
  };
}

function loggedPayload(entry: IngestEntry | undefined): LoggedPayload {
  if (entry === undefined) return { redacted: null };
  return 'refused' in entry ? { redacted: entry.redacted ?? null } : { raw: entry.raw };
}

function rawOf(entry: IngestEntry | undefined): unknown {
  return entry !== undefined && 'raw' in entry ? entry.raw : undefined;
}

function sortByIndex(rejections: Rejection[]): Rejection[] {
  return rejections.sort((a, b) => a.index - b.index);
}
