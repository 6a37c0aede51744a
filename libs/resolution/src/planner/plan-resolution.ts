import { compareIdentifierPriority } from '@stratum/identity';
import type { IdentifierType } from '@stratum/identity';
import { identifierKey } from './identifier-key';
import { mergeOnceTraits, mergeTraits } from './merge-traits';
import type {
  EventAssignment,
  HashedIdentifier,
  IdentifierWrite,
  KnownProfile,
  MergeWrite,
  ProfileWrite,
  RefusalReason,
  RefusedMergeWrite,
  ResolutionEvent,
  ResolutionInput,
  ResolutionPlan,
  ResolutionWarning,
} from './resolution.types';

interface ProfileState extends ProfileWrite {
  isNew: boolean;
  /** Age rank: creation time for known profiles, creation order for new ones (always younger). */
  createdAt: number;
  limited: Map<IdentifierType, Set<string>>;
  /** False for a known profile whose limited identifiers were not loaded. */
  limitedLoaded: boolean;
  /** Profiles a split keeps apart from this one (ids as loaded: compare their final ids). */
  apart: Set<string>;
  changed: boolean;
}

interface Refusal {
  reason: RefusalReason;
  message: string;
}

const REFUSED_BY_LIMITS: Refusal = {
  reason: 'identifier_limit',
  message: 'belongs to another profile; merge refused by identifier limits',
};
const REFUSED_BY_SPLIT: Refusal = {
  reason: 'split',
  message: 'belongs to another profile; merge refused: a split keeps them apart',
};

/**
 * Decides, for every event of a batch in order, which profile it belongs to: create, link,
 * merge into the oldest, or (when a merge would break an identifier limit, or join profiles
 * a split keeps apart) protect. Pure:
 * the executor loads `links` and `profiles` under lock and writes the returned plan.
 */
export function planResolution(input: ResolutionInput): ResolutionPlan {
  const planner = new Planner(input);
  const assignments = input.events.map((event) => planner.resolve(event));
  return planner.finish(assignments);
}

class Planner {
  private readonly profiles = new Map<string, ProfileState>();
  private readonly links: Map<string, string>;
  private readonly redirects = new Map<string, string>();
  private readonly seen = new Map<string, IdentifierWrite>();
  private readonly merges: MergeWrite[] = [];
  /** Refusals as they happened, with the position of their event in the batch. */
  private readonly refusals: { refusal: RefusedMergeWrite; event: number }[] = [];
  private eventsSeen = 0;
  private readonly limitedNeeded = new Set<string>();
  private newCount = 0;

  constructor(private readonly input: ResolutionInput) {
    this.links = new Map(input.links);
    for (const profile of input.profiles.values()) {
      this.profiles.set(profile.profileId, fromKnown(profile));
    }
    for (const [a, b] of input.apart ?? []) {
      this.profiles.get(a)?.apart.add(b);
      this.profiles.get(b)?.apart.add(a);
    }
  }

  resolve(event: ResolutionEvent): EventAssignment {
    this.eventsSeen += 1;
    const identifiers = uniqueIdentifiers(event.identifiers);
    const profileIds = [
      ...new Set(identifiers.map((id) => this.linkOf(id)).filter((id) => id !== undefined)),
    ];

    if (this.exceedsLimits(profileIds, identifiers)) {
      return this.protect(event, identifiers, REFUSED_BY_LIMITS);
    }
    if (this.keptApart(profileIds)) return this.protect(event, identifiers, REFUSED_BY_SPLIT);

    let target: ProfileState;
    let outcome: EventAssignment['outcome'];
    if (profileIds.length === 0) {
      target = this.create(event);
      outcome = 'created';
    } else if (profileIds.length === 1) {
      target = this.state(profileIds[0]!);
      outcome = 'unchanged';
    } else {
      target = this.merge(profileIds, event.eventId);
      outcome = 'merged';
    }
    for (const identifier of identifiers) {
      if (this.linkOf(identifier) === undefined) {
        this.link(identifier, target);
        if (outcome === 'unchanged') outcome = 'linked';
      }
    }
    this.record(event, target, identifiers);
    return { profileId: target.profileId, outcome, warnings: [] };
  }

  finish(assignments: EventAssignment[]): ResolutionPlan {
    const live = [...this.profiles.values()].filter((p) => !this.redirects.has(p.profileId));
    return {
      assignments: assignments.map((a) => ({ ...a, profileId: this.final(a.profileId) })),
      newProfiles: live.filter((p) => p.isNew).map(toWrite),
      updatedProfiles: live.filter((p) => !p.isNew && p.changed).map(toWrite),
      identifiers: [...this.seen.entries()].map(([key, write]) => ({
        ...write,
        profileId: this.final(this.links.get(key)!),
      })),
      merges: this.merges.map((m) => ({ ...m, intoProfileId: this.final(m.intoProfileId) })),
      refusedMerges: this.refusedMerges(),
      limitedNeeded: [...this.limitedNeeded],
    };
  }

  /**
   * One refusal per pair of profiles (either way round), in the order first refused: its
   * first and last events, the last reason, and how many events. A pair stays as it was when
   * refused, even if a later event of the batch merges it after all (a refusal depends on the
   * event's identifiers as much as on the pair), as if the events had come one by one; only
   * a profile created in the batch and merged away in it, which is never written, is named
   * by its survivor (and the refusal dropped if that is the other side).
   */
  private refusedMerges(): RefusedMergeWrite[] {
    const byPair = new Map<string, RefusedMergeWrite & { event: number }>();
    for (const { refusal, event } of this.refusals) {
      const profileId = this.written(refusal.profileId);
      const otherProfileId = this.written(refusal.otherProfileId);
      if (profileId === otherProfileId) continue;
      const key = [profileId, otherProfileId].sort().join(' ');
      const seen = byPair.get(key);
      if (seen === undefined) {
        byPair.set(key, { ...refusal, profileId, otherProfileId, event });
      } else if (seen.event !== event) {
        seen.refusals += 1;
        seen.reason = refusal.reason;
        seen.lastEventId = refusal.lastEventId;
        seen.event = event;
      }
    }
    return [...byPair.values()].map(({ event: _event, ...refusal }) => refusal);
  }

  /** The id a refusal names: the profile's own, unless the batch never writes it. */
  private written(profileId: string): string {
    const unwritten = this.profiles.get(profileId)?.isNew === true && this.redirects.has(profileId);
    return unwritten ? this.final(profileId) : profileId;
  }

  /** A merge is refused when the union of the profiles' limited identifiers would exceed a limit. */
  private exceedsLimits(profileIds: string[], identifiers: HashedIdentifier[]): boolean {
    for (const [type, limit] of limitEntries(this.input.limits)) {
      // Nothing of this type joins the one profile: it holds no more than it did, which was
      // within the limit. (The common case, decided without the profile's identifiers.)
      const single = profileIds.length === 1 ? profileIds[0] : undefined;
      if (
        single !== undefined &&
        identifiers.every((i) => i.type !== type || this.linkOf(i) === single)
      ) {
        continue;
      }
      const union = new Set<string>();
      for (const id of profileIds) for (const hash of this.limitedOf(id, type)) union.add(hash);
      for (const identifier of identifiers)
        if (identifier.type === type) union.add(identifier.hash);
      if (union.size > limit) return true;
    }
    return false;
  }

  /** Whether two of the profiles are kept apart by a split. */
  private keptApart(profileIds: readonly string[]): boolean {
    if (profileIds.length < 2) return false;
    const ids = new Set(profileIds);
    return profileIds.some((id) =>
      [...this.state(id).apart].some((other) => ids.has(this.final(other))),
    );
  }

  /**
   * The event goes to the profile of its highest-priority identifier (a new one if that
   * identifier is unknown) and links only what fits that profile's limits; `refusal` says
   * why its identifiers of other profiles were not linked.
   */
  private protect(
    event: ResolutionEvent,
    identifiers: HashedIdentifier[],
    refusal: Refusal,
  ): EventAssignment {
    const [leading, ...rest] = [...identifiers].sort(byPriority);
    const leadingProfile = this.linkOf(leading!);
    const target = leadingProfile ? this.state(leadingProfile) : this.create(event);
    if (!leadingProfile) this.link(leading!, target);

    const warnings: ResolutionWarning[] = [];
    const refusedOwners = new Set<string>();
    const linked = [leading!];
    for (const identifier of rest) {
      const owner = this.linkOf(identifier);
      if (owner === target.profileId) {
        linked.push(identifier);
      } else if (owner !== undefined) {
        warnings.push(warning(identifier, refusal.message));
        refusedOwners.add(owner);
      } else if (this.fits(target, identifier)) {
        this.link(identifier, target);
        linked.push(identifier);
      } else {
        warnings.push(
          warning(
            identifier,
            `not linked: the profile already holds its limit of ${identifier.type} identifiers`,
          ),
        );
      }
    }
    this.record(event, target, linked);
    for (const otherProfileId of refusedOwners) {
      this.refusals.push({
        refusal: {
          profileId: target.profileId,
          otherProfileId,
          reason: refusal.reason,
          firstEventId: event.eventId,
          lastEventId: event.eventId,
          refusals: 1,
        },
        event: this.eventsSeen,
      });
    }
    return { profileId: target.profileId, outcome: 'protected', warnings };
  }

  private create(event: ResolutionEvent): ProfileState {
    const profile: ProfileState = {
      profileId: this.input.newProfileId(),
      isNew: true,
      createdAt: this.newCount++,
      firstSeenAt: event.occurredAt,
      lastSeenAt: event.occurredAt,
      eventCount: 0,
      traits: {},
      traitTimestamps: {},
      limited: new Map(),
      limitedLoaded: true,
      apart: new Set(),
      changed: true,
    };
    this.profiles.set(profile.profileId, profile);
    return profile;
  }

  /** Merges every profile into the oldest; the others redirect to it from now on. */
  private merge(profileIds: string[], eventId: string | null): ProfileState {
    const [survivor, ...losers] = profileIds.map((id) => this.state(id)).sort(byAge);
    for (const loser of losers) {
      absorb(survivor!, loser);
      this.redirects.set(loser.profileId, survivor!.profileId);
      if (!loser.isNew) {
        this.merges.push({
          mergedProfileId: loser.profileId,
          intoProfileId: survivor!.profileId,
          eventId,
        });
      }
    }
    return survivor!;
  }

  private link(identifier: HashedIdentifier, profile: ProfileState): void {
    this.links.set(identifierKey(identifier.type, identifier.hash), profile.profileId);
    if (this.input.limits[identifier.type] !== undefined) {
      const set = profile.limited.get(identifier.type) ?? new Set<string>();
      set.add(identifier.hash);
      profile.limited.set(identifier.type, set);
    }
  }

  private record(
    event: ResolutionEvent,
    profile: ProfileState,
    identifiers: HashedIdentifier[],
  ): void {
    if (event.countsAsEvent !== false) profile.eventCount += 1;
    if (event.occurredAt < profile.firstSeenAt) profile.firstSeenAt = event.occurredAt;
    if (event.occurredAt > profile.lastSeenAt) profile.lastSeenAt = event.occurredAt;
    if (event.traits) {
      mergeTraits(
        profile.traits,
        profile.traitTimestamps,
        event.traits,
        event.occurredAt.toISOString(),
      );
    }
    if (event.traitsOnce) {
      mergeOnceTraits(profile.traits, profile.traitTimestamps, event.traitsOnce);
    }
    profile.changed = true;
    for (const identifier of identifiers) {
      const key = identifierKey(identifier.type, identifier.hash);
      const seen = this.seen.get(key);
      if (!seen) {
        this.seen.set(key, {
          type: identifier.type,
          hash: identifier.hash,
          profileId: profile.profileId,
          firstSeenAt: event.occurredAt,
          lastSeenAt: event.occurredAt,
        });
      } else {
        if (event.occurredAt < seen.firstSeenAt) seen.firstSeenAt = event.occurredAt;
        if (event.occurredAt > seen.lastSeenAt) seen.lastSeenAt = event.occurredAt;
      }
    }
  }

  private fits(profile: ProfileState, identifier: HashedIdentifier): boolean {
    const limit = this.input.limits[identifier.type];
    return limit === undefined || this.limitedSet(profile, identifier.type).size < limit;
  }

  /** A profile's identifiers of a limited type; notes a known profile's that were not loaded. */
  private limitedSet(profile: ProfileState, type: IdentifierType): ReadonlySet<string> {
    if (!profile.limitedLoaded) this.limitedNeeded.add(profile.profileId);
    return profile.limited.get(type) ?? new Set();
  }

  private linkOf(identifier: HashedIdentifier): string | undefined {
    const id = this.links.get(identifierKey(identifier.type, identifier.hash));
    return id === undefined ? undefined : this.final(id);
  }

  private limitedOf(profileId: string, type: IdentifierType): Iterable<string> {
    return this.limitedSet(this.state(profileId), type);
  }

  private state(profileId: string): ProfileState {
    const profile = this.profiles.get(this.final(profileId));
    if (!profile) throw new Error(`profile ${profileId} was linked but not loaded`);
    return profile;
  }

  private final(profileId: string): string {
    let id = profileId;
    for (let next = this.redirects.get(id); next !== undefined; next = this.redirects.get(id))
      id = next;
    return id;
  }
}

function fromKnown(profile: KnownProfile): ProfileState {
  const limited = new Map<IdentifierType, Set<string>>();
  for (const { type, hash } of profile.limitedIdentifiers ?? []) {
    limited.set(type, (limited.get(type) ?? new Set()).add(hash));
  }
  return {
    profileId: profile.profileId,
    isNew: false,
    createdAt: profile.createdAt.getTime(),
    firstSeenAt: profile.firstSeenAt,
    lastSeenAt: profile.lastSeenAt,
    eventCount: profile.eventCount,
    traits: { ...profile.traits },
    traitTimestamps: { ...profile.traitTimestamps },
    limited,
    limitedLoaded: profile.limitedIdentifiers !== undefined,
    apart: new Set(),
    changed: false,
  };
}

function absorb(survivor: ProfileState, loser: ProfileState): void {
  survivor.eventCount += loser.eventCount;
  if (loser.firstSeenAt < survivor.firstSeenAt) survivor.firstSeenAt = loser.firstSeenAt;
  if (loser.lastSeenAt > survivor.lastSeenAt) survivor.lastSeenAt = loser.lastSeenAt;
  mergeTraits(
    survivor.traits,
    survivor.traitTimestamps,
    loser.traits,
    (key) => loser.traitTimestamps[key] ?? '',
  );
  for (const [type, hashes] of loser.limited) {
    const set = survivor.limited.get(type) ?? new Set<string>();
    for (const hash of hashes) set.add(hash);
    survivor.limited.set(type, set);
  }
  survivor.limitedLoaded &&= loser.limitedLoaded;
  for (const id of loser.apart) survivor.apart.add(id);
  survivor.changed = true;
}

function toWrite(profile: ProfileState): ProfileWrite {
  const { profileId, firstSeenAt, lastSeenAt, eventCount, traits, traitTimestamps } = profile;
  return { profileId, firstSeenAt, lastSeenAt, eventCount, traits, traitTimestamps };
}

function uniqueIdentifiers(identifiers: readonly HashedIdentifier[]): HashedIdentifier[] {
  const byKey = new Map<string, HashedIdentifier>();
  for (const identifier of identifiers) {
    const key = identifierKey(identifier.type, identifier.hash);
    if (!byKey.has(key)) byKey.set(key, identifier);
  }
  return [...byKey.values()];
}

function limitEntries(limits: ResolutionInput['limits']): [IdentifierType, number][] {
  return Object.entries(limits).filter((e): e is [IdentifierType, number] => e[1] !== undefined);
}

function byPriority(a: HashedIdentifier, b: HashedIdentifier): number {
  return compareIdentifierPriority(a.type, b.type);
}

function byAge(a: ProfileState, b: ProfileState): number {
  return (
    Number(a.isNew) - Number(b.isNew) ||
    a.createdAt - b.createdAt ||
    a.firstSeenAt.getTime() - b.firstSeenAt.getTime() ||
    a.profileId.localeCompare(b.profileId)
  );
}

function warning(identifier: HashedIdentifier, message: string): ResolutionWarning {
  return { path: `identifiers.${identifier.index ?? 0}`, message };
}
