import { toLiveMessage } from './live-events';

describe('toLiveMessage', () => {
  it('summarises each kind of message, and skips what is not JSON', () => {
    const at = '2026-11-24T10:00:00.000Z';
    const line = (type: string, data: object) =>
      JSON.stringify({ id: `x:${type}`, type, at, profile_id: 'p-1', data });
    expect(
      toLiveMessage(line('event.received', { type: 'track', name: 'Signed Up', event_id: 'e-1' })),
    ).toEqual({
      id: 'x:event.received',
      type: 'event.received',
      at,
      profileId: 'p-1',
      summary: 'track Signed Up (e-1)',
    });
    expect(toLiveMessage(line('segment.entered', { segment_id: 's-1' }))?.summary).toBe(
      'entered segment s-1',
    );
    expect(toLiveMessage(line('profile.merged', { merged_profile_id: 'p-2' }))?.summary).toBe(
      'merged p-2',
    );
    expect(toLiveMessage('not json')).toBeUndefined();
  });
});
