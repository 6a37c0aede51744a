import type { IdentifierType } from '@stratum/identity';

/** A hashed identifier as resolution sees it; `index` is its position in the event, for messages. */
export interface HashedIdentifier {
  type: IdentifierType;
  hash: string;
  index?: number;
}

export type Traits = Record<string, unknown>;

/** One accepted event of a batch, reduced to what resolution needs. */
export interface ResolutionEvent {
  /** The event's id, recorded on a merge it causes; null for consent look-ups. */
  eventId: string | null;
  occurredAt: Date;
  identifiers: readonly HashedIdentifier[];
  traits?: Traits | null;
  /**
   * Traits set only on keys the profile lacks (PostHog's `$set_once`); never overwrite, and
   * any later `traits` value of the key replaces them (see mergeOnceTraits).
   */
  traitsOnce?: Traits | null;
  /** False for look-ups that resolve identifiers without an event (consents): no count. */
  countsAsEvent?: boolean;
}

/** A profile that already exists in the database, as loaded (and locked) by the executor. */
export interface KnownProfile {
  profileId: string;
  createdAt: Date;
  firstSeenAt: Date;
  lastSeenAt: Date;
  eventCount: number;
  traits: Traits;
  /** Per trait key, the ISO time of the event that set it. */
  traitTimestamps: Record<string, string>;
  /**
   * The identifiers it holds of the types that have a limit (for merge protection).
   * Undefined when not loaded: a plan that needs them names the profile in `limitedNeeded`.
   */
  limitedIdentifiers?: readonly HashedIdentifier[];
}

/** Maximum identifiers of a type on one profile; types not named are unlimited. */
export type IdentifierLimits = Partial<Record<IdentifierType, number>>;

export interface ResolutionInput {
  events: readonly ResolutionEvent[];
  /** identifierKey(type, hash) → profile id, for the batch's identifiers that are already linked. */
  links: ReadonlyMap<string, string>;
  profiles: ReadonlyMap<string, KnownProfile>;
  /**
   * Pairs of the known profiles that a split keeps apart: an event joining them is
   * protected, as when a merge would break a limit.
   */
  apart?: readonly (readonly [string, string])[];
  limits: IdentifierLimits;
  newProfileId: () => string;
}

export type ResolutionOutcome = 'created' | 'linked' | 'merged' | 'protected' | 'unchanged';

export interface ResolutionWarning {
  path: string;
  message: string;
}

export interface EventAssignment {
  profileId: string;
  outcome: ResolutionOutcome;
  warnings: ResolutionWarning[];
}

/** The state a profile must have after the batch (new ones are inserted, known ones updated). */
export interface ProfileWrite {
  profileId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  eventCount: number;
  traits: Traits;
  traitTimestamps: Record<string, string>;
}

export interface IdentifierWrite {
  type: IdentifierType;
  hash: string;
  profileId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface MergeWrite {
  mergedProfileId: string;
  intoProfileId: string;
  eventId: string | null;
}

/** Why merge protection refused a merge: an identifier limit, or a split keeping them apart. */
export type RefusalReason = 'identifier_limit' | 'split';

/** A merge merge protection refused, once per pair of profiles in a batch. */
export interface RefusedMergeWrite {
  /** The profile the event went to. */
  profileId: string;
  /** The profile holding the identifiers the event brought and that were not linked. */
  otherProfileId: string;
  /** The reason of the batch's last refusal of the pair. */
  reason: RefusalReason;
  /** The batch's first and last events refused this merge (null for a consent look-up). */
  firstEventId: string | null;
  lastEventId: string | null;
  /** How many of the batch's events were. */
  refusals: number;
}

export interface ResolutionPlan {
  /** One per input event, in order, with final (post-merge) profile ids. */
  assignments: EventAssignment[];
  newProfiles: ProfileWrite[];
  updatedProfiles: ProfileWrite[];
  /** Every identifier the batch links or touches, pointing at its final profile. */
  identifiers: IdentifierWrite[];
  merges: MergeWrite[];
  /** Merges refused, one per pair of (final) profiles, in the order first refused. */
  refusedMerges: RefusedMergeWrite[];
  /**
   * Known profiles whose limited identifiers the plan needed but was not given: load them
   * and plan again. Empty when the plan is final.
   */
  limitedNeeded: string[];
}
