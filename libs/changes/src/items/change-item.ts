import type { ChangeCursor } from '../change-cursor';
import type { EventType } from '@stratum/db';

/** What every item carries: its change, its subject, whose data it is. */
interface ItemBase {
  tenantId: string;
  /** Its change's place in the feed (the live stream's ids start with it). */
  cursor: ChangeCursor;
  changeId: number;
  /** When the change was recorded: destinations created later do not receive it. */
  recordedAt: Date;
  /** What it is about within its change (the delivery's `subject_id`). */
  subjectId: string;
  /** The profile whose consent gates it. */
  profileId: string;
}

/**
 * One thing the feed tells the outside (a destination, a live stream reader): a stored
 * event, a profile update or merge, a segment entry or exit, an erasure. An `event.stored` change gives
 * one per event.
 */
export type ChangeItem =
  | (ItemBase & {
      type: 'event.received';
      eventId: string;
      occurredAt: string;
      /** Known once the event is read (only when some destination takes events). */
      eventType?: EventType;
      eventName?: string | null;
    })
  | (ItemBase & { type: 'profile.updated'; changedTraits: string[] })
  | (ItemBase & { type: 'profile.merged'; mergedProfileId: string })
  | (ItemBase & {
      type: 'segment.entered' | 'segment.exited';
      segmentId: string;
      version: number;
    })
  | (ItemBase & { type: 'profile.erased'; requestId: string });

export type ChangeItemType = ChangeItem['type'];
