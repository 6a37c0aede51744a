import type { Profile } from '@stratum/schemas';
import { buildIdentityGraph, shortId } from './build-identity-graph';

const AT = '2026-11-24T10:00:00.000Z';
const HASH = 'a'.repeat(64);

function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    profile_id: '11111111-1111-4111-8111-111111111111',
    identifiers: [
      { type: 'email', hash: HASH, first_seen_at: AT, last_seen_at: '2026-11-25T00:00:00.000Z' },
      { type: 'phone', hash: 'b'.repeat(64), first_seen_at: AT, last_seen_at: AT },
    ],
    traits: {},
    consents: [],
    merged_ids: ['22222222-2222-4222-8222-222222222222'],
    merges: [
      {
        merge_id: '33333333-3333-4333-8333-333333333333',
        merged_profile_id: '22222222-2222-4222-8222-222222222222',
        merged_at: AT,
        event_id: 'evt-9',
        first_seen_at: '2026-11-01T09:00:00.000Z',
        last_seen_at: '2026-11-23T18:45:00.000Z',
      },
    ],
    splits: [],
    refused_merges: [],
    first_seen_at: AT,
    last_seen_at: AT,
    event_count: 3,
    segments: [],
    ...overrides,
  };
}

describe('buildIdentityGraph', () => {
  it('puts the profile in the middle, identifiers right, merged profiles left', () => {
    const { nodes, edges } = buildIdentityGraph(profile());
    expect(nodes.map((n) => [n.kind, n.label, n.position.x])).toEqual([
      ['profile', 'Profile 11111111-1…', 0],
      ['identifier', `email · ${'a'.repeat(10)}…`, 340],
      ['identifier', `phone · ${'b'.repeat(10)}…`, 340],
      ['merged', 'Merged 22222222-2…', -340],
    ]);
    expect(nodes[3]!.merge).toEqual({
      mergeId: '33333333-3333-4333-8333-333333333333',
      eventId: 'evt-9',
      mergedAt: AT,
    });
    expect(edges.map((e) => [e.source, e.target])).toEqual([
      [nodes[0]!.id, nodes[1]!.id],
      [nodes[0]!.id, nodes[2]!.id],
      [nodes[3]!.id, nodes[0]!.id],
    ]);
  });

  it('shows first and last seen on every node, to the minute', () => {
    const { nodes } = buildIdentityGraph(
      profile({ first_seen_at: '2026-11-20T08:15:59.000Z', last_seen_at: AT }),
    );
    expect(nodes.map((n) => n.detail)).toEqual([
      'first seen 2026-11-20 08:15 · last seen 2026-11-24 10:00 UTC',
      'first seen 2026-11-24 10:00 · last seen 2026-11-25 00:00 UTC',
      'first seen 2026-11-24 10:00 · last seen 2026-11-24 10:00 UTC',
      // A merged-away profile's as of its merge.
      'first seen 2026-11-01 09:00 · last seen 2026-11-23 18:45 UTC; merged 2026-11-24 10:00 UTC',
    ]);
  });

  it('centres each column on the profile', () => {
    const { nodes } = buildIdentityGraph(profile());
    expect(nodes.filter((n) => n.kind === 'identifier').map((n) => n.position.y)).toEqual([
      -45, 45,
    ]);
    expect(nodes.find((n) => n.kind === 'merged')!.position.y).toBe(0);
  });

  it('draws a profile without merges as the profile and its identifiers', () => {
    const { nodes, edges } = buildIdentityGraph(profile({ merges: [], merged_ids: [] }));
    expect(nodes.map((n) => n.kind)).toEqual(['profile', 'identifier', 'identifier']);
    expect(edges).toHaveLength(2);
  });

  it('draws the profiles a split keeps apart below it', () => {
    const { nodes, edges } = buildIdentityGraph(
      profile({
        splits: [
          {
            split_id: '44444444-4444-4444-8444-444444444444',
            merge_id: '33333333-3333-4333-8333-333333333333',
            other_profile_id: '55555555-5555-4555-8555-555555555555',
            other_first_seen_at: '2026-11-02T08:00:00.000Z',
            other_last_seen_at: AT,
            split_at: AT,
          },
        ],
      }),
    );
    const split = nodes.find((n) => n.kind === 'split')!;
    expect(split).toMatchObject({
      label: 'Split from 55555555-5…',
      detail:
        'first seen 2026-11-02 08:00 · last seen 2026-11-24 10:00 UTC; split 2026-11-24 10:00 UTC, kept apart',
      position: { x: 0, y: 225 },
    });
    expect(edges.at(-1)).toMatchObject({ source: nodes[0]!.id, target: split.id, label: 'split' });
  });

  it('draws refused merges next to splits below it, on dashed edges, with their events', () => {
    const { nodes, edges } = buildIdentityGraph(
      profile({
        splits: [
          {
            split_id: '44444444-4444-4444-8444-444444444444',
            merge_id: '33333333-3333-4333-8333-333333333333',
            other_profile_id: '55555555-5555-4555-8555-555555555555',
            other_first_seen_at: '2026-11-02T08:00:00.000Z',
            other_last_seen_at: AT,
            split_at: AT,
          },
        ],
        refused_merges: [
          {
            other_profile_id: '66666666-6666-4666-8666-666666666666',
            other_first_seen_at: '2026-11-03T07:00:00.000Z',
            other_last_seen_at: '2026-11-24T11:00:00.000Z',
            reason: 'identifier_limit',
            first_event_id: 'evt-1',
            last_event_id: 'evt-4',
            first_refused_at: AT,
            last_refused_at: '2026-11-24T11:30:00.000Z',
            refusals: 3,
          },
          {
            other_profile_id: '55555555-5555-4555-8555-555555555555',
            other_first_seen_at: '2026-11-02T08:00:00.000Z',
            other_last_seen_at: AT,
            reason: 'split',
            first_event_id: null,
            last_event_id: null,
            first_refused_at: AT,
            last_refused_at: AT,
            refusals: 1,
          },
        ],
      }),
    );
    const below = nodes.filter((n) => n.kind === 'split' || n.kind === 'refused');
    expect(below.map((n) => [n.kind, n.position.x, n.position.y])).toEqual([
      ['split', -340, 225],
      ['refused', 0, 225],
      ['refused', 340, 225],
    ]);
    expect(below.slice(1).map((n) => [n.label, n.detail])).toEqual([
      [
        'Refused 66666666-6…',
        'first seen 2026-11-03 07:00 · last seen 2026-11-24 11:00 UTC; merge refused 3 times, last 2026-11-24 11:30 UTC (identifier limit)',
      ],
      [
        'Refused 55555555-5…',
        'first seen 2026-11-02 08:00 · last seen 2026-11-24 10:00 UTC; merge refused once, last 2026-11-24 10:00 UTC (kept apart by a split)',
      ],
    ]);
    expect(below[1]!.refusal).toEqual({
      reason: 'identifier_limit',
      refusals: 3,
      firstEventId: 'evt-1',
      lastEventId: 'evt-4',
      firstRefusedAt: AT,
      lastRefusedAt: '2026-11-24T11:30:00.000Z',
    });
    // The split's node and the refusal's are apart even though they name the same profile.
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(edges.slice(-3).map((e) => [e.label, e.dashed ?? false])).toEqual([
      ['split', false],
      ['merge refused', true],
      ['merge refused', true],
    ]);
  });

  it('shortens ids to their first ten characters', () => {
    expect(shortId('0123456789abcdef')).toBe('0123456789…');
  });
});
