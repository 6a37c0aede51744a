import type { Kysely } from 'kysely';
import { inStatementTransaction, runNamed, runNamedLast } from '@stratum/db';
import type { Database, StatementResult } from '@stratum/db';
import { identifierKey, planBatch, readResolution, resolutionReads } from '@stratum/resolution';
import type { ResolutionEvent, ResolutionOutcome } from '@stratum/resolution';
import type { FieldIssue } from '@stratum/schemas';
import type { TenantSettings } from '../tenants/tenant-settings';
import { withTransactionRetry } from './transaction-retry';
import {
  claimDedupeKeysStatement,
  findDuplicateProfilesStatement,
  insertEventsStatement,
  releaseDedupeKeysStatement,
} from './event.statements';
import { deleteFromInboxStatement } from '../inbox/inbox.statements';
import type { StorableEvent } from './normalized-event';
import { inRolledBackTransaction } from './rolled-back-transaction';

export type IngestResult =
  | {
      index: number;
      status: 'accepted';
      profileId: string;
      outcome: ResolutionOutcome;
      warnings: StorableEvent['warnings'];
    }
  | { index: number; status: 'duplicate'; profileId: string | null }
  /** Carries an identifier under a privacy suppression: nothing of it was stored. */
  | { index: number; status: 'suppressed' }
  /** Refused by PostgreSQL (see isolateBadEvents); never returned by ingestRequests itself. */
  | { index: number; status: 'rejected'; errors: FieldIssue[] };

export interface IngestOptions {
  /** Run everything, then roll it back: a trial of whether PostgreSQL accepts the events. */
  rollBack?: boolean;
}

/** The tenant all requests of one transaction belong to. */
export interface IngestTenant {
  tenantId: string;
  settings: TenantSettings;
}

/** The valid events of one HTTP request, with where and when they came in. */
export interface IngestRequest {
  sourceId: string | null;
  receivedAt: Date;
  events: readonly StorableEvent[];
  /** The inbox rows the events came from: deleted in the transaction that stores them. */
  inboxIds?: readonly number[];
}

function toResolutionEvent(event: StorableEvent): ResolutionEvent {
  return {
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    identifiers: event.identifiers,
    traits: event.traits,
    traitsOnce: event.traitsOnce ?? null,
  };
}

interface Item {
  event: StorableEvent;
  request: IngestRequest;
}

/** The batch's events sorted by what the dedupe claim and the suppression check found. */
interface SortedItems {
  /** Claimed and not suppressed: resolved and stored. */
  fresh: Item[];
  /** Ids of the events whose dedupe key was live: stored before. */
  duplicates: string[];
  /** Ids of the events carrying a suppressed identifier: nothing of them is stored. */
  suppressed: Set<string>;
  /** Ids of suppressed events whose key this transaction claimed: given back. */
  released: string[];
}

function sortClaimed(
  unique: readonly Item[],
  claim: StatementResult,
  suppressedKeys: ReadonlySet<string>,
): SortedItems {
  const claimed = new Set(claim.rows.map((r) => r['event_id'] as string));
  const suppressed = new Set<string>();
  for (const { event } of unique) {
    const keys = event.identifiers.map((i) => identifierKey(i.type, i.hash));
    if (keys.some((key) => suppressedKeys.has(key))) suppressed.add(event.eventId);
  }
  const ids = unique.map((item) => item.event.eventId);
  return {
    fresh: unique.filter(
      (item) => claimed.has(item.event.eventId) && !suppressed.has(item.event.eventId),
    ),
    duplicates: ids.filter((id) => !claimed.has(id) && !suppressed.has(id)),
    suppressed,
    released: ids.filter((id) => claimed.has(id) && suppressed.has(id)),
  };
}

/**
 * Stores the valid events of one or more requests of one tenant in one transaction: claim
 * dedupe keys, resolve the new events to profiles in bulk, append them. The requests form
 * one batch in request order: an event id seen twice is stored once (the first) and the later one is a
 * duplicate. Returns each request's results, in its own order. Nothing is written unless
 * everything is (and nothing at all with `rollBack`).
 */
export async function ingestRequests(
  db: Kysely<Database>,
  tenant: IngestTenant,
  requests: readonly IngestRequest[],
  options: IngestOptions = {},
): Promise<IngestResult[][]> {
  const { tenantId, settings } = tenant;
  const firstOf = new Map<string, Item>();
  for (const request of requests) {
    for (const event of request.events) {
      if (!firstOf.has(event.eventId)) firstOf.set(event.eventId, { event, request });
    }
  }
  const unique = [...firstOf.values()];
  if (unique.length === 0) return requests.map(() => []);

  const claims = unique.map(({ event, request }) => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    receivedAt: request.receivedAt,
  }));
  // Claiming the dedupe keys, resolving and appending share resolution's two round trips,
  // which also carry BEGIN and COMMIT; the suppression check rides in resolution's read of
  // the identifiers' links. The locks and reads cover the identifiers of every
  // event, duplicates included (a superset): which events are fresh is known only once the
  // claim has run.
  const input = {
    tenantId,
    limits: settings.identifierLimits,
    events: unique.map((item) => toResolutionEvent(item.event)),
    checkSuppressions: true,
  };
  const transaction = options.rollBack ? inRolledBackTransaction : inStatementTransaction;
  const stored = await withTransactionRetry(() =>
    transaction(db, async (runner) => {
      const first = await runNamed(runner, {
        claim: claimDedupeKeysStatement(tenantId, claims, settings.dedupeWindowDays)!,
        resolution: resolutionReads(input),
      });
      const read = readResolution(first.resolution);
      const sorted = sortClaimed(unique, first.claim, read.suppressed);
      const { plan, writes } = await planBatch(
        runner,
        input,
        read,
        sorted.fresh.map((item) => toResolutionEvent(item.event)),
      );
      const last = await runNamedLast(runner, {
        resolution: writes,
        insertEvents: insertEventsStatement(
          tenantId,
          sorted.fresh.map(({ event, request }, i) => ({
            event,
            profileId: plan.assignments[i]!.profileId,
            sourceId: request.sourceId,
            receivedAt: request.receivedAt,
          })),
        ),
        releaseDedupeKeys: releaseDedupeKeysStatement(tenantId, sorted.released),
        deleteFromInbox: deleteFromInboxStatement(requests.flatMap((r) => r.inboxIds ?? [])),
        duplicateProfiles: findDuplicateProfilesStatement(tenantId, sorted.duplicates),
      });
      const duplicateProfiles = new Map(
        (last.duplicateProfiles?.rows ?? []).map((r) => [
          r['event_id'] as string,
          r['profile_id'] as string,
        ]),
      );
      return {
        fresh: sorted.fresh,
        assignments: plan.assignments,
        duplicateProfiles,
        suppressed: sorted.suppressed,
      };
    }),
  );

  const accepted = new Map(stored.fresh.map((item, i) => [item.event, stored.assignments[i]!]));
  const profileOf = new Map<string, string | null>();
  for (const [event, assignment] of accepted) profileOf.set(event.eventId, assignment.profileId);
  for (const [eventId, profileId] of stored.duplicateProfiles) profileOf.set(eventId, profileId);

  return requests.map((request) =>
    request.events.map((event): IngestResult => {
      const assignment = accepted.get(event);
      if (stored.suppressed.has(event.eventId)) return { index: event.index, status: 'suppressed' };
      if (assignment) {
        return {
          index: event.index,
          status: 'accepted',
          profileId: assignment.profileId,
          outcome: assignment.outcome,
          warnings: [...event.warnings, ...assignment.warnings],
        };
      }
      return {
        index: event.index,
        status: 'duplicate',
        profileId: profileOf.get(event.eventId) ?? null,
      };
    }),
  );
}
