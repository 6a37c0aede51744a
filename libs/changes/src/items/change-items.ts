import type { ChangeKind } from '@stratum/db';
import type { Change } from '../change.types';
import type { ChangeItem } from './change-item';

/** The change kinds that give items (the others stay inside). */
export const ITEM_CHANGE_KINDS = [
  'event.stored',
  'profile.updated',
  'profile.merged',
  'segment.entered',
  'segment.exited',
  'profile.erased',
] as const satisfies readonly ChangeKind[];

/** The items of a page of changes, in feed order. */
export function changeItems(changes: readonly Change[]): ChangeItem[] {
  return changes.flatMap((change): ChangeItem[] => {
    const base = {
      tenantId: change.tenantId,
      cursor: change.cursor,
      changeId: change.changeId,
      recordedAt: change.recordedAt,
    };
    switch (change.kind) {
      case 'event.stored':
        return change.data.events.map((event) => ({
          ...base,
          type: 'event.received',
          subjectId: event.id,
          profileId: event.profile_id,
          eventId: event.id,
          occurredAt: event.occurred_at,
        }));
      case 'profile.updated':
        return [
          {
            ...base,
            type: 'profile.updated',
            subjectId: change.profileId,
            profileId: change.profileId,
            changedTraits: change.data.traits,
          },
        ];
      case 'profile.merged':
        return [
          {
            ...base,
            type: 'profile.merged',
            subjectId: change.data.merged_profile_id,
            profileId: change.profileId,
            mergedProfileId: change.data.merged_profile_id,
          },
        ];
      case 'segment.entered':
      case 'segment.exited':
        return [
          {
            ...base,
            type: change.kind,
            subjectId: change.profileId,
            profileId: change.profileId,
            segmentId: change.data.segment_id,
            version: change.data.version,
          },
        ];
      case 'profile.erased':
        return [
          {
            ...base,
            type: 'profile.erased',
            subjectId: change.profileId,
            profileId: change.profileId,
            requestId: change.data.request_id,
          },
        ];
      default:
        return [];
    }
  });
}
