import type { Change } from '../change.types';
import { changeItems } from './change-items';

const at = new Date('2026-11-24T10:00:00Z');
const base = { cursor: '1:1', tenantId: 't', recordedAt: at };

describe('changeItems', () => {
  it('gives one item per stored event, and one per profile or membership change', () => {
    const changes = [
      {
        ...base,
        changeId: 1,
        kind: 'event.stored',
        profileId: null,
        data: {
          events: [
            { id: 'e1', profile_id: 'p1', occurred_at: '2026-11-24T09:00:00.000Z' },
            { id: 'e2', profile_id: 'p2', occurred_at: '2026-11-24T09:00:01.000Z' },
          ],
        },
      },
      {
        ...base,
        changeId: 2,
        kind: 'profile.updated',
        profileId: 'p1',
        data: { traits: ['plan'] },
      },
      {
        ...base,
        changeId: 3,
        kind: 'profile.merged',
        profileId: 'p1',
        data: { merged_profile_id: 'p2' },
      },
      {
        ...base,
        changeId: 4,
        kind: 'segment.exited',
        profileId: 'p1',
        data: { segment_id: 's', version: 2 },
      },
      {
        ...base,
        changeId: 5,
        kind: 'consent.changed',
        profileId: 'p1',
        data: { purposes: ['marketing'] },
      },
    ] as Change[];
    expect(changeItems(changes)).toEqual([
      expect.objectContaining({
        type: 'event.received',
        changeId: 1,
        subjectId: 'e1',
        profileId: 'p1',
      }),
      expect.objectContaining({
        type: 'event.received',
        changeId: 1,
        subjectId: 'e2',
        profileId: 'p2',
      }),
      expect.objectContaining({
        type: 'profile.updated',
        subjectId: 'p1',
        changedTraits: ['plan'],
      }),
      expect.objectContaining({ type: 'profile.merged', subjectId: 'p2', profileId: 'p1' }),
      expect.objectContaining({
        type: 'segment.exited',
        subjectId: 'p1',
        segmentId: 's',
        version: 2,
      }),
    ]);
  });
});
