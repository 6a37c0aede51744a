import { isDeepStrictEqual } from 'node:util';
import { sqlJsonb, sqlString, sqlText } from '@stratum/db';
import type { ChangeKind, SqlText } from '@stratum/db';
import type {
  KnownProfile,
  ResolutionEvent,
  ResolutionPlan,
  Traits,
} from '../planner/resolution.types';

/** One row of the change feed, before PostgreSQL numbers it. */
export interface PlannedChange {
  kind: ChangeKind;
  profileId: string | null;
  data: Record<string, unknown>;
}

/** The trait keys whose value differs between two versions of a profile's traits. */
function changedTraitKeys(before: Traits, after: Traits): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !isDeepStrictEqual(before[key], after[key])).sort();
}

/**
 * What a resolved batch changed, for the change feed: a row per profile created, per merge
 * (on the survivor), per merge refused (on the profile the event went to), per profile whose traits changed (the keys), and one `event.stored`
 * row for the whole batch listing each stored event with its profile. A profile whose only
 * change is its counters or last sighting gets no `profile.updated` row: the batch's
 * `event.stored` row already names it, which keeps the feed near one row per batch, not
 * per event. Events that are look-ups (no id, or not counted: consents) are not stored.
 */
export function planChanges(
  plan: ResolutionPlan,
  events: readonly ResolutionEvent[],
  known: ReadonlyMap<string, KnownProfile>,
): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const profile of plan.newProfiles) {
    changes.push({ kind: 'profile.created', profileId: profile.profileId, data: {} });
  }
  for (const merge of plan.merges) {
    changes.push({
      kind: 'profile.merged',
      profileId: merge.intoProfileId,
      data: { merged_profile_id: merge.mergedProfileId },
    });
  }
  for (const refused of plan.refusedMerges) {
    changes.push({
      kind: 'profile.merge_refused',
      profileId: refused.profileId,
      data: {
        other_profile_id: refused.otherProfileId,
        reason: refused.reason,
        event_id: refused.firstEventId,
      },
    });
  }
  for (const profile of plan.updatedProfiles) {
    const traits = changedTraitKeys(known.get(profile.profileId)?.traits ?? {}, profile.traits);
    if (traits.length > 0) {
      changes.push({ kind: 'profile.updated', profileId: profile.profileId, data: { traits } });
    }
  }
  const stored = events.flatMap((event, i) =>
    event.eventId === null || event.countsAsEvent === false
      ? []
      : [
          {
            id: event.eventId,
            profile_id: plan.assignments[i]!.profileId,
            occurred_at: event.occurredAt.toISOString(),
          },
        ],
  );
  if (stored.length > 0) {
    changes.push({ kind: 'event.stored', profileId: null, data: { events: stored } });
  }
  return changes;
}

/**
 * Appends the changes to the feed in one statement, in the caller's transaction (the rows
 * travel as one JSON array; `xid`, `change_id` and `recorded_at` are PostgreSQL's).
 */
export function insertChangesStatement(
  tenantId: string,
  changes: readonly PlannedChange[],
): SqlText | undefined {
  if (changes.length === 0) return undefined;
  const json = JSON.stringify(changes.map((c) => ({ k: c.kind, p: c.profileId, d: c.data })));
  return sqlText`INSERT INTO cdp_changes (tenant_id, kind, profile_id, data)
    SELECT ${sqlString(tenantId)}::uuid, k, p, d
    FROM jsonb_to_recordset(${sqlJsonb(json)}) AS c(k text, p uuid, d jsonb)`;
}
