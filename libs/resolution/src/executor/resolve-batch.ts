import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { runNamed, runNamedLast, statementRunner } from '@stratum/db';
import type { Database, NamedResults, SqlText, StatementRunner } from '@stratum/db';
import { identifierKey } from '../planner/identifier-key';
import { identifierWritesToApply } from '../planner/identifier-refresh';
import type { StoredIdentifier } from '../planner/identifier-refresh';
import { planResolution } from '../planner/plan-resolution';
import type {
  IdentifierLimits,
  IdentifierWrite,
  KnownProfile,
  ResolutionEvent,
  ResolutionPlan,
} from '../planner/resolution.types';
import { lockIdentifiersStatement } from './advisory-locks';
import { insertChangesStatement, planChanges } from './change.statements';
import {
  readLinks,
  updateIdentifiersStatement,
  upsertIdentifiersStatement,
} from './identifier.statements';
import {
  apartPairsStatement,
  insertProfilesStatement,
  limitedIdentifiersStatement,
  lockLinkedProfilesStatement,
  lockProfilesStatement,
  mergeStatements,
  readApartPairs,
  readLimited,
  readLockedProfiles,
  splitLinksAndProfiles,
  updateProfilesStatement,
} from './profile.statements';
import type { LockedProfile, MergeStatements } from './profile.statements';
import { recordRefusedMergesStatement } from './refused-merge.statements';

export interface ResolveBatchInput {
  tenantId: string;
  events: readonly ResolutionEvent[];
  limits: IdentifierLimits;
  newProfileId?: () => string;
  /**
   * Also report which of the batch's identifiers are under a privacy suppression, read in
   * the same statement as their links (see lockLinkedProfilesStatement).
   */
  checkSuppressions?: boolean;
}

/** Resolution's statements of the transaction's first round trip (see resolutionReads). */
export type ResolutionReadStatements = {
  lockIdentifiers: SqlText | undefined;
  linksAndProfiles: SqlText | undefined;
};

/** What resolution read, ready to plan (see readResolution). */
export interface ResolutionRead {
  /** Keys ({@link identifierKey}) of the batch's suppressed identifiers (empty unless asked). */
  suppressed: ReadonlySet<string>;
  stored: ReadonlyMap<string, StoredIdentifier>;
  locked: readonly LockedProfile[];
  apart: readonly [string, string][];
}

/** Resolution's statements of the transaction's last round trip (see planBatch). */
type ResolutionWriteStatements = {
  insertProfiles: SqlText | undefined;
  merges: MergeStatements;
  updateProfiles: SqlText | undefined;
  updateIdentifiers: SqlText | undefined;
  upsertIdentifiers: SqlText | undefined;
  recordRefusedMerges: SqlText | undefined;
  // The change feed rides in the same round trip: no statement of its own on the wire.
  insertChanges: SqlText | undefined;
};

export interface PlannedBatch {
  plan: ResolutionPlan;
  /** To run in the transaction's last round trip, before anything the caller adds. */
  writes: ResolutionWriteStatements;
}

/**
 * Resolves a whole batch inside the caller's transaction in two round trips, whatever its
 * size: one locks the identifiers, reads their links and locks the linked profiles; the batch
 * is planned in memory; the other writes profiles, merges and identifiers (skipping
 * identifiers whose row would not change enough to matter: see identifierWritesToApply),
 * the merges merge protection refused, and what changed to the change feed (see planChanges).
 * One more is needed when merge protection needs a profile's limited identifiers (see
 * planLoadingLimits), and for a link to a profile merged away meanwhile.
 * Serializable by construction for overlapping batches: everything they share is locked
 * before it is read.
 *
 * Callers that carry statements of their own in those round trips compose the same phases:
 * {@link resolutionReads} → {@link readResolution} → {@link planBatch} → the writes.
 */
export async function resolveBatch(
  trx: Transaction<Database>,
  input: ResolveBatchInput,
): Promise<ResolutionPlan> {
  const runner = statementRunner(trx);
  const read = readResolution(await runNamed(runner, resolutionReads(input)));
  const { plan, writes } = await planBatch(runner, input, read);
  await runNamedLast(runner, writes);
  return plan;
}

/**
 * Phase one: the statements that lock the batch's identifiers (advisory locks, see
 * lockIdentifiersStatement), read their links and lock the linked profiles. They go in the
 * transaction's first round trip; the caller may add its own before or after them.
 */
export function resolutionReads(input: ResolveBatchInput): ResolutionReadStatements {
  const { tenantId } = input;
  // Busy customers come back many times in a batch: read and lock each identifier once.
  const identifiers = [
    ...new Map(
      input.events.flatMap((e) => e.identifiers).map((i) => [identifierKey(i.type, i.hash), i]),
    ).values(),
  ];
  const lock = lockIdentifiersStatement(tenantId, identifiers);
  return {
    lockIdentifiers: lock,
    linksAndProfiles:
      lock === undefined
        ? undefined
        : lockLinkedProfilesStatement(tenantId, identifiers, {
            suppressions: input.checkSuppressions === true,
          }),
  };
}

/** Phase two: what the read statements returned, with the keys of suppressed identifiers. */
export function readResolution(results: NamedResults<ResolutionReadStatements>): ResolutionRead {
  const { linkRows, profileRows, apart, suppressed } = splitLinksAndProfiles(
    results.linksAndProfiles?.rows ?? [],
  );
  return {
    suppressed,
    stored: readLinks(linkRows),
    locked: readLockedProfiles(profileRows),
    apart,
  };
}

/**
 * Phase three: plans `events` (default: the input's; a subset of them, since the locks and
 * reads covered the input's) and the statements that write the plan, for the transaction's
 * last round trip (where the runner may commit: anything else the caller writes goes in it
 * too). Takes extra round trips only in the rare cases told at {@link resolveBatch}.
 */
export async function planBatch(
  runner: StatementRunner,
  input: ResolveBatchInput,
  read: ResolutionRead,
  events: readonly ResolutionEvent[] = input.events,
): Promise<PlannedBatch> {
  const { tenantId } = input;
  const { stored } = read;
  const apart = [...read.apart];
  const { links, profiles } = await followMerges(runner, tenantId, stored, read.locked, apart);
  const plan = await planLoadingLimits(
    runner,
    tenantId,
    Object.keys(input.limits),
    (known) =>
      planResolution({
        events,
        links,
        profiles: known,
        apart,
        limits: input.limits,
        newProfileId: input.newProfileId ?? randomUUID,
      }),
    profiles,
  );

  const known: IdentifierWrite[] = [];
  const fresh: IdentifierWrite[] = [];
  for (const write of identifierWritesToApply(plan.identifiers, stored)) {
    (stored.has(identifierKey(write.type, write.hash)) ? known : fresh).push(write);
  }
  return {
    plan,
    writes: {
      insertProfiles: insertProfilesStatement(tenantId, plan.newProfiles),
      merges: mergeStatements(tenantId, plan.merges),
      updateProfiles: updateProfilesStatement(tenantId, plan.updatedProfiles),
      updateIdentifiers: updateIdentifiersStatement(tenantId, known),
      upsertIdentifiers: upsertIdentifiersStatement(tenantId, fresh),
      recordRefusedMerges: recordRefusedMergesStatement(tenantId, plan.refusedMerges),
      insertChanges: insertChangesStatement(tenantId, planChanges(plan, events, profiles)),
    },
  };
}

/**
 * Plans without the profiles' identifiers of limited types, which most batches never need
 * (an event that brings no new identifier of such a type to a single profile cannot break a
 * limit). When the plan needed some, they are read (the profiles are locked: a read now sees
 * their latest state) and the batch is planned again, until nothing more is needed.
 */
async function planLoadingLimits(
  runner: StatementRunner,
  tenantId: string,
  limitedTypes: readonly string[],
  plan: (profiles: ReadonlyMap<string, KnownProfile>) => ResolutionPlan,
  profiles: Map<string, KnownProfile>,
): Promise<ResolutionPlan> {
  for (;;) {
    const attempt = plan(profiles);
    if (attempt.limitedNeeded.length === 0) return attempt;
    const [rows] = await runner.run([
      limitedIdentifiersStatement(tenantId, attempt.limitedNeeded, limitedTypes),
    ]);
    const limited = readLimited(rows!.rows);
    for (const id of attempt.limitedNeeded) {
      const profile = profiles.get(id)!;
      profiles.set(id, { ...profile, limitedIdentifiers: limited.get(id) ?? [] });
    }
  }
}

/**
 * Completes the locked profiles. A link read before a concurrent merge committed can point
 * at a merged-away profile, or at one the lock statement (a later snapshot) did not reach:
 * lock those too (with the pairs splits keep apart among them, added to `apart`), follow
 * merges to their survivor, and rewrite the links to it.
 */
async function followMerges(
  runner: StatementRunner,
  tenantId: string,
  stored: ReadonlyMap<string, StoredIdentifier>,
  locked: readonly LockedProfile[],
  apart: [string, string][],
): Promise<{ links: Map<string, string>; profiles: Map<string, KnownProfile> }> {
  const live = new Map<string, KnownProfile>();
  const mergedInto = new Map<string, string>();
  const seen = new Set<string>();
  let batch = locked;
  for (;;) {
    for (const profile of batch) {
      seen.add(profile.profileId);
      if (profile.mergedInto === null) live.set(profile.profileId, profile);
      else mergedInto.set(profile.profileId, profile.mergedInto);
    }
    const wanted = new Set<string>();
    for (const target of mergedInto.values()) if (!seen.has(target)) wanted.add(target);
    for (const row of stored.values()) if (!seen.has(row.profileId)) wanted.add(row.profileId);
    if (wanted.size === 0) break;
    const [lockRows, apartRows] = await runner.run([
      lockProfilesStatement(tenantId, [...wanted]),
      apartPairsStatement(tenantId, [...wanted]),
    ]);
    batch = readLockedProfiles(lockRows!.rows);
    apart.push(...readApartPairs(apartRows!.rows));
    for (const id of wanted) seen.add(id);
  }
  const links = new Map<string, string>();
  for (const [key, row] of stored) {
    let id = row.profileId;
    for (let next = mergedInto.get(id); next !== undefined; next = mergedInto.get(id)) id = next;
    links.set(key, id);
  }
  return { links, profiles: live };
}
