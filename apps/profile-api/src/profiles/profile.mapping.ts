import { currentConsentToState } from '@stratum/db';
import type { ConsentRecord } from '@stratum/db';
import type { ConsentHistoryEntry, Profile, ProfileEvent } from '@stratum/schemas';
import type { EventRecord } from './event.repository';
import type { ProfileRecord } from './profile-lookup.repository';

/** A consent change as an entry of the history. */
export function consentToHistoryEntry(consent: ConsentRecord): ConsentHistoryEntry {
  return { ...currentConsentToState(consent), recorded_at: consent.recordedAt.toISOString() };
}

/** The API form of a profile (SPEC §5). */
export function profileRowToProfile(profile: ProfileRecord): Profile {
  return {
    profile_id: profile.profileId,
    identifiers: profile.identifiers.map((i) => ({
      type: i.type,
      hash: i.hash,
      first_seen_at: i.firstSeenAt.toISOString(),
      last_seen_at: i.lastSeenAt.toISOString(),
    })),
    traits: profile.traits,
    consents: profile.consents.map(currentConsentToState),
    merged_ids: profile.mergedIds,
    first_seen_at: profile.firstSeenAt.toISOString(),
    last_seen_at: profile.lastSeenAt.toISOString(),
    event_count: profile.eventCount,
    segments: profile.segments,
    merges: profile.merges.map((m) => ({
      merge_id: m.mergeId,
      merged_profile_id: m.mergedProfileId,
      merged_at: m.mergedAt.toISOString(),
      event_id: m.eventId,
      first_seen_at: m.firstSeenAt.toISOString(),
      last_seen_at: m.lastSeenAt.toISOString(),
    })),
    splits: profile.splits.map((p) => ({
      split_id: p.splitId,
      merge_id: p.mergeId,
      other_profile_id: p.otherProfileId,
      other_first_seen_at: p.otherFirstSeenAt.toISOString(),
      other_last_seen_at: p.otherLastSeenAt.toISOString(),
      split_at: p.splitAt.toISOString(),
    })),
    refused_merges: profile.refusedMerges.map((r) => ({
      other_profile_id: r.otherProfileId,
      other_first_seen_at: r.otherFirstSeenAt.toISOString(),
      other_last_seen_at: r.otherLastSeenAt.toISOString(),
      reason: r.reason,
      first_event_id: r.firstEventId,
      last_event_id: r.lastEventId,
      first_refused_at: r.firstRefusedAt.toISOString(),
      last_refused_at: r.lastRefusedAt.toISOString(),
      refusals: r.refusals,
    })),
  };
}

/** The API form of a stored event: identifiers as type and hash only. */
export function eventRowToProfileEvent(event: EventRecord): ProfileEvent {
  return {
    event_id: event.eventId,
    type: event.type,
    name: event.name,
    timestamp: event.occurredAt.toISOString(),
    received_at: event.receivedAt.toISOString(),
    source_id: event.sourceId,
    profile_id: event.profileId,
    identifiers: event.identifiers.map((i) => ({ type: i.type, hash: i.hash })),
    traits: event.traits,
    properties: event.properties,
    context: event.context,
  };
}
