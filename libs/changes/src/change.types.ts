import type { ChangeKind, ConsentPurpose, RefusedMergeReason } from '@stratum/db';
import type { ChangeCursor } from './change-cursor';

export { CHANGE_KINDS } from '@stratum/db';
export type { ChangeKind } from '@stratum/db';

/** One event of an `event.stored` change. */
interface StoredEventRef {
  id: string;
  profile_id: string;
  occurred_at: string;
}

/** Each kind's `data`, as stored (snake_case: it is the feed's wire format). */
interface ChangeDataByKind {
  /** A profile was created by resolution. */
  'profile.created': Record<string, never>;
  /** Traits of the profile changed (the keys); counters alone do not make this change. */
  'profile.updated': { traits: string[] };
  /** `merged_profile_id` was merged into the change's profile (the survivor). */
  'profile.merged': { merged_profile_id: string };
  /** Consent decisions were recorded for the profile, for these purposes. */
  'consent.changed': { purposes: ConsentPurpose[] };
  /** A batch's events were stored (one change per batch; `profile_id` is null). */
  'event.stored': { events: StoredEventRef[] };
  /** The profile entered the segment, evaluated at this version of its definition. */
  'segment.entered': { segment_id: string; version: number };
  /** The profile left the segment (or the segment was deleted). */
  'segment.exited': { segment_id: string; version: number };
  /**
   * The profile was erased by a privacy request, with everything held about it: only its id
   * remains, here, so that consumers can forget it too.
   */
  'profile.erased': { request_id: string };
  /**
   * A merge into the change's profile (the survivor) was split: `restored_profile_id` is a
   * profile again, with the identifiers it brought.
   */
  'profile.split': { restored_profile_id: string; merge_id: string };
  /**
   * Merge protection refused to merge `other_profile_id` into the change's profile (the one
   * the event went to): an identifier limit, or a split keeping them apart. One per pair and
   * batch; `event_id` is the batch's first such event (null for a consent look-up).
   */
  'profile.merge_refused': {
    other_profile_id: string;
    reason: RefusedMergeReason;
    event_id: string | null;
  };
}

interface ChangeOf<K extends ChangeKind> {
  /** Where this change is in the feed: pass it as `after` to read what follows. */
  cursor: ChangeCursor;
  changeId: number;
  tenantId: string;
  kind: K;
  profileId: K extends 'event.stored' ? null : string;
  recordedAt: Date;
  data: ChangeDataByKind[K];
}

/** One change of the feed, discriminated by `kind`. */
export type Change = { [K in ChangeKind]: ChangeOf<K> }[ChangeKind];
