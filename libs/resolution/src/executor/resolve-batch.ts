import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { statementRunner } from '@stratum/db';
import type { Database, StatementResult, StatementRunner } from '@stratum/db';
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
import type { LockedProfile } from './profile.statements';

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

/** The caller's own statements, carried in resolution's round trips. */
export interface CarriedStatements {
  /** Run first, in the read round trip, before the identifier locks. */
  before?: readonly string[];
  /**
   * The events to resolve, picked from what `before` returned and the keys
   * ({@link identifierKey}) of the suppressed identifiers (default: all of `input.events`).
   * The locks and reads cover every event of the input, a superset.
   */
  select?: (
    before: StatementResult[],
    suppressed: ReadonlySet<string>,
  ) => readonly ResolutionEvent[];
  /**
   * Run after resolution's writes, in the write round trip: the transaction's last (the
   * runner may commit with it), so anything else the caller writes belongs here.
   */
  after?: (plan: ResolutionPlan) => readonly string[];
}

export interface CarriedResolution {
  plan: ResolutionPlan;
  /** Keys of the batch's suppressed identifiers (empty unless `checkSuppressions`). */
  suppressed: ReadonlySet<string>;
  before: StatementResult[];
  after: StatementResult[];
}

/**
 * Resolves a whole batch inside the caller's transaction in two round trips, whatever its
 * size: one locks the identifiers, reads their links and locks the linked profiles; the batch
 * is planned in memory; the other writes profiles, merges and identifiers (skipping
 * identifiers whose row would not change enough to matter: see identifierWritesToApply),
 * and what changed to the change feed (see planChanges).
 * One more is needed when merge protection needs a profile's limited identifiers (see
 * planLoadingLimits), and for a link to a profile merged away meanwhile.
 * Serializable by construction for overlapping batches: everything they share is locked
 * before it is read.
 */
export async function resolveBatch(
  trx: Transaction<Database>,
  input: ResolveBatchInput,
): Promise<ResolutionPlan> {
  return (await resolveBatchCarrying(statementRunner(trx), input)).plan;
}

/**
 * {@link resolveBatch}, carrying the caller's statements in the same round trips, so that a
 * whole ingestion transaction holds its locks for as few round trips as possible. The write
 * round trip goes through `runner.runLast`: with inStatementTransaction, it commits too.
 */
export async function resolveBatchCarrying(
  runner: StatementRunner,
  input: ResolveBatchInput,
  carried: CarriedStatements = {},
): Promise<CarriedResolution> {
  const { tenantId } = input;
  const limitedTypes = Object.keys(input.limits);
  // Busy customers come back many times in a batch: read and lock each identifier once.
  const identifiers = [
    ...new Map(
      input.events.flatMap((e) => e.identifiers).map((i) => [identifierKey(i.type, i.hash), i]),
    ).values(),
  ];
  const before = carried.before ?? [];
  const lock = lockIdentifiersStatement(tenantId, identifiers);
  const reads =
    lock === undefined
      ? []
      : [
          lock,
          lockLinkedProfilesStatement(tenantId, identifiers, {
            suppressions: input.checkSuppressions === true,
          }),
        ];
  const first = await runner.run([...before, ...reads]);
  const beforeResults = first.slice(0, before.length);
  const { linkRows, profileRows, apart, suppressed } = splitLinksAndProfiles(
    first[before.length + 1]?.rows ?? [],
  );
  const stored = readLinks(linkRows);
  const { links, profiles } = await followMerges(
    runner,
    tenantId,
    stored,
    readLockedProfiles(profileRows),
    apart,
  );

  const events = carried.select ? carried.select(beforeResults, suppressed) : input.events;
  const plan = await planLoadingLimits(
    runner,
    tenantId,
    limitedTypes,
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
  const writes = [
    insertProfilesStatement(tenantId, plan.newProfiles),
    ...mergeStatements(tenantId, plan.merges),
    updateProfilesStatement(tenantId, plan.updatedProfiles),
    updateIdentifiersStatement(tenantId, known),
    upsertIdentifiersStatement(tenantId, fresh),
    // The change feed rides in the same round trip: no statement of its own on the wire.
    insertChangesStatement(tenantId, planChanges(plan, events, profiles)),
  ].filter((s) => s !== undefined);
  const results = await runner.runLast([...writes, ...(carried.after?.(plan) ?? [])]);
  return { plan, suppressed, before: beforeResults, after: results.slice(writes.length) };
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
