import type { Change, ChangeKind } from '@stratum/changes';
import type { FanOutItem } from './fan-out-item';

/** The change kinds destinations can receive something of. */
export const FANOUT_CHANGE_KINDS = [
  'event.stored',
  'profile.updated',
  'profile.merged',
  'segment.entered',
  'segment.exited',
] as const satisfies readonly ChangeKind[];

/** The items of a page of changes, in feed order. */
export function changeItems(changes: readonly Change[]): FanOutItem[] {
  return changes.flatMap((change): FanOutItem[] => {
    const base = {
      tenantId: change.tenantId,
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
      default:
        return [];
    }
  });
}
