import type { Change } from './change.types';
import { touchedProfiles } from './touched-profiles';

const base = { cursor: '1:1', changeId: 1, recordedAt: new Date() };

describe('touchedProfiles', () => {
  it('collects every profile a change touched, by tenant, once each', () => {
    const changes = [
      { ...base, tenantId: 't1', kind: 'profile.created', profileId: 'a', data: {} },
      { ...base, tenantId: 't1', kind: 'profile.updated', profileId: 'a', data: { traits: ['x'] } },
      {
        ...base,
        tenantId: 't1',
        kind: 'profile.merged',
        profileId: 'b',
        data: { merged_profile_id: 'c' },
      },
      {
        ...base,
        tenantId: 't1',
        kind: 'profile.split',
        profileId: 'b',
        data: { restored_profile_id: 'f', merge_id: 'm' },
      },
      {
        ...base,
        tenantId: 't1',
        kind: 'profile.merge_refused',
        profileId: 'g',
        data: { other_profile_id: 'h', reason: 'identifier_limit', event_id: 'e0' },
      },
      {
        ...base,
        tenantId: 't2',
        kind: 'consent.changed',
        profileId: 'd',
        data: { purposes: ['marketing'] },
      },
      {
        ...base,
        tenantId: 't2',
        kind: 'event.stored',
        profileId: null,
        data: {
          events: [
            { id: 'e1', profile_id: 'e', occurred_at: '2026-01-01T00:00:00Z' },
            { id: 'e2', profile_id: 'd', occurred_at: '2026-01-01T00:00:00Z' },
          ],
        },
      },
    ] as Change[];
    const touched = touchedProfiles(changes);
    expect([...touched.keys()]).toEqual(['t1', 't2']);
    expect([...touched.get('t1')!]).toEqual(['a', 'b', 'c', 'f', 'g', 'h']);
    expect([...touched.get('t2')!]).toEqual(['d', 'e']);
  });
});
