import { planResolution } from './plan-resolution';
import type {
  HashedIdentifier,
  KnownProfile,
  ResolutionEvent,
  ResolutionInput,
} from './resolution.types';

const h = (c: string) => c.repeat(64).slice(0, 64);
const email = (c: string): HashedIdentifier => ({ type: 'email', hash: h(c) });
const phone = (c: string): HashedIdentifier => ({ type: 'phone', hash: h(c) });
const ext = (c: string): HashedIdentifier => ({ type: 'external_id', hash: h(c) });
const anon = (c: string): HashedIdentifier => ({ type: 'anonymous_id', hash: h(c) });

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));

function event(
  eventId: string,
  identifiers: HashedIdentifier[],
  minute = 0,
  traits?: Record<string, unknown>,
): ResolutionEvent {
  return {
    eventId,
    occurredAt: at(minute),
    identifiers: identifiers.map((id, index) => ({ ...id, index })),
    traits,
  };
}

function known(profileId: string, overrides: Partial<KnownProfile> = {}): KnownProfile {
  return {
    profileId,
    createdAt: at(0),
    firstSeenAt: at(0),
    lastSeenAt: at(0),
    eventCount: 1,
    traits: {},
    traitTimestamps: {},
    limitedIdentifiers: [],
    ...overrides,
  };
}

function plan(
  events: ResolutionEvent[],
  state: { links?: [HashedIdentifier, string][]; profiles?: KnownProfile[] } = {},
) {
  let n = 0;
  const input: ResolutionInput = {
    events,
    links: new Map((state.links ?? []).map(([id, p]) => [`${id.type}:${id.hash}`, p])),
    profiles: new Map((state.profiles ?? []).map((p) => [p.profileId, p])),
    limits: { external_id: 1 },
    newProfileId: () => `new-${++n}`,
  };
  return planResolution(input);
}

describe('planResolution', () => {
  it('creates a new profile when no identifier is known, linking them all', () => {
    const result = plan([event('e1', [email('a'), phone('b')], 5)]);
    expect(result.assignments).toEqual([{ profileId: 'new-1', outcome: 'created', warnings: [] }]);
    expect(result.newProfiles).toEqual([
      expect.objectContaining({
        profileId: 'new-1',
        eventCount: 1,
        firstSeenAt: at(5),
        lastSeenAt: at(5),
      }),
    ]);
    expect(result.identifiers.map((i) => [i.type, i.profileId])).toEqual([
      ['email', 'new-1'],
      ['phone', 'new-1'],
    ]);
    expect(result.merges).toEqual([]);
  });

  it('returns the existing profile when an identifier matches', () => {
    const result = plan([event('e1', [email('a')], 9)], {
      links: [[email('a'), 'p1']],
      profiles: [known('p1', { eventCount: 3 })],
    });
    expect(result.assignments[0]).toEqual({ profileId: 'p1', outcome: 'unchanged', warnings: [] });
    expect(result.newProfiles).toEqual([]);
    expect(result.updatedProfiles).toEqual([
      expect.objectContaining({ profileId: 'p1', eventCount: 4, lastSeenAt: at(9) }),
    ]);
  });

  it('links a new identifier to the profile of a known one', () => {
    const result = plan([event('e1', [email('a'), phone('b')])], {
      links: [[email('a'), 'p1']],
      profiles: [known('p1')],
    });
    expect(result.assignments[0]!.outcome).toBe('linked');
    expect(result.identifiers).toContainEqual(
      expect.objectContaining({ type: 'phone', hash: h('b'), profileId: 'p1' }),
    );
  });

  it('merges several profiles into the oldest and records the merge', () => {
    const result = plan([event('e3', [email('a'), phone('b')], 30)], {
      links: [
        [email('a'), 'young'],
        [phone('b'), 'old'],
      ],
      profiles: [
        known('young', { createdAt: at(20), firstSeenAt: at(20), eventCount: 2 }),
        known('old', { createdAt: at(10), firstSeenAt: at(10), eventCount: 5 }),
      ],
    });
    expect(result.assignments[0]).toEqual({ profileId: 'old', outcome: 'merged', warnings: [] });
    expect(result.merges).toEqual([
      { mergedProfileId: 'young', intoProfileId: 'old', eventId: 'e3' },
    ]);
    expect(result.updatedProfiles).toEqual([
      expect.objectContaining({
        profileId: 'old',
        eventCount: 8,
        firstSeenAt: at(10),
        lastSeenAt: at(30),
      }),
    ]);
    expect(new Set(result.identifiers.map((i) => i.profileId))).toEqual(new Set(['old']));
  });

  it('resolves A{email}, B{phone}, C{email, phone} in one batch to one profile without a merge record', () => {
    const result = plan([
      event('a', [email('a')], 1),
      event('b', [phone('b')], 2),
      event('c', [email('a'), phone('b')], 3),
    ]);
    const ids = new Set(result.assignments.map((a) => a.profileId));
    expect(ids).toEqual(new Set(['new-1']));
    expect(result.assignments.map((a) => a.outcome)).toEqual(['created', 'created', 'merged']);
    expect(result.newProfiles).toEqual([
      expect.objectContaining({ profileId: 'new-1', eventCount: 3 }),
    ]);
    expect(result.merges).toEqual([]);
  });

  it('prefers a known profile over one created earlier in the batch as the survivor', () => {
    const result = plan([event('x', [phone('b')], 1), event('y', [email('a'), phone('b')], 2)], {
      links: [[email('a'), 'p1']],
      profiles: [known('p1', { createdAt: at(50) })],
    });
    expect(result.assignments.map((a) => a.profileId)).toEqual(['p1', 'p1']);
    expect(result.newProfiles).toEqual([]);
    expect(result.merges).toEqual([]);
  });

  it('refuses a merge that would put two external ids on one profile', () => {
    const result = plan([event('e', [email('a'), ext('y')], 5)], {
      links: [
        [email('a'), 'p1'],
        [ext('x'), 'p1'],
      ],
      profiles: [known('p1', { limitedIdentifiers: [ext('x')] })],
    });
    expect(result.assignments[0]!.outcome).toBe('protected');
    expect(result.assignments[0]!.profileId).toBe('new-1');
    expect(result.assignments[0]!.warnings).toEqual([
      {
        path: 'identifiers.0',
        message: 'belongs to another profile; merge refused by identifier limits',
      },
    ]);
    expect(result.identifiers).toEqual([
      expect.objectContaining({ type: 'external_id', hash: h('y'), profileId: 'new-1' }),
    ]);
  });

  it('sends a protected event to the profile of its highest-priority known identifier', () => {
    const result = plan([event('e', [anon('n'), email('a'), ext('y')], 5)], {
      links: [
        [email('a'), 'p1'],
        [ext('y'), 'p2'],
      ],
      profiles: [
        known('p1', { limitedIdentifiers: [ext('x')] }),
        known('p2', { limitedIdentifiers: [ext('y')] }),
      ],
    });
    expect(result.assignments[0]).toMatchObject({ profileId: 'p2', outcome: 'protected' });
    expect(result.identifiers).toContainEqual(
      expect.objectContaining({ type: 'anonymous_id', profileId: 'p2' }),
    );
    expect(result.merges).toEqual([]);
  });

  it('records each refused merge once per pair of profiles, with its first and last events', () => {
    const state = {
      links: [
        [email('a'), 'p1'],
        [ext('x'), 'p1'],
        [ext('y'), 'p2'],
        [ext('z'), 'p3'],
      ] as [HashedIdentifier, string][],
      profiles: [
        known('p1', { limitedIdentifiers: [ext('x')] }),
        known('p2', { limitedIdentifiers: [ext('y')] }),
        known('p3', { limitedIdentifiers: [ext('z')] }),
      ],
    };
    const result = plan(
      [
        event('e1', [ext('y'), email('a')]),
        event('e2', [email('a'), ext('z')]),
        event('e3', [email('a'), ext('y')]),
        event('e4', [ext('y')]),
      ],
      state,
    );
    expect(result.assignments.map((a) => a.outcome)).toEqual([
      'protected',
      'protected',
      'protected',
      'unchanged',
    ]);
    // e1 and e3 refuse the same pair either way round: one entry, in the order first seen.
    expect(result.refusedMerges).toEqual([
      {
        profileId: 'p2',
        otherProfileId: 'p1',
        reason: 'identifier_limit',
        firstEventId: 'e1',
        lastEventId: 'e3',
        refusals: 2,
      },
      {
        profileId: 'p3',
        otherProfileId: 'p1',
        reason: 'identifier_limit',
        firstEventId: 'e2',
        lastEventId: 'e2',
        refusals: 1,
      },
    ]);
  });

  it('records a merge a split refuses with its reason, and none for an event that merges', () => {
    const result = planResolution({
      events: [event('e1', [email('a'), email('b')]), event('e2', [email('a'), email('c')])],
      links: new Map([
        [`email:${h('a')}`, 'p1'],
        [`email:${h('b')}`, 'p2'],
        [`email:${h('c')}`, 'p3'],
      ]),
      profiles: new Map(['p1', 'p2', 'p3'].map((id) => [id, known(id)])),
      apart: [['p1', 'p2']],
      limits: {},
      newProfileId: () => 'new',
    });
    expect(result.assignments.map((a) => a.outcome)).toEqual(['protected', 'merged']);
    expect(result.refusedMerges).toEqual([
      expect.objectContaining({ profileId: 'p1', otherProfileId: 'p2', reason: 'split' }),
    ]);
  });

  it('keeps a refusal of the batch when a later event of it merges the pair after all', () => {
    // Refused for the new anonymous id the first event brings; the second merges the two.
    const result = planResolution({
      events: [
        event('e0', [email('a'), email('b'), anon('n')]),
        event('e1', [email('b'), email('a')]),
      ],
      links: new Map([
        [`email:${h('a')}`, 'p1'],
        [`anonymous_id:${h('m')}`, 'p1'],
        [`email:${h('b')}`, 'p2'],
      ]),
      profiles: new Map([
        ['p1', known('p1', { limitedIdentifiers: [anon('m')] })],
        ['p2', known('p2', { createdAt: at(1) })],
      ]),
      limits: { anonymous_id: 1 },
      newProfileId: () => 'new',
    });
    expect(result.assignments.map((a) => a.outcome)).toEqual(['protected', 'merged']);
    expect(result.refusedMerges).toEqual([
      expect.objectContaining({ profileId: 'p1', otherProfileId: 'p2', firstEventId: 'e0' }),
    ]);
  });

  it('names a profile created and merged away in the batch by its survivor, once an event', () => {
    const result = plan(
      [
        event('e0', [phone('p')]),
        // Ext y with p1's email and new-1's phone: a new profile, refused both.
        event('e1', [ext('y'), phone('p'), email('a')]),
        // Then new-1 merges into p1: never written, it is named p1.
        event('e2', [phone('p'), email('a')]),
      ],
      {
        links: [
          [email('a'), 'p1'],
          [ext('x'), 'p1'],
        ],
        profiles: [known('p1', { limitedIdentifiers: [ext('x')] })],
      },
    );
    expect(result.assignments.map((a) => [a.outcome, a.profileId])).toEqual([
      ['created', 'p1'],
      ['protected', 'new-2'],
      ['merged', 'p1'],
    ]);
    expect(result.refusedMerges).toEqual([
      {
        profileId: 'new-2',
        otherProfileId: 'p1',
        reason: 'identifier_limit',
        firstEventId: 'e1',
        lastEventId: 'e1',
        refusals: 1,
      },
    ]);
  });

  it('links only the first of two new external ids in one event', () => {
    const result = plan([event('e', [ext('x'), ext('y')])]);
    expect(result.assignments[0]).toEqual({
      profileId: 'new-1',
      outcome: 'protected',
      warnings: [
        {
          path: 'identifiers.1',
          message: 'not linked: the profile already holds its limit of external_id identifiers',
        },
      ],
    });
    expect(result.identifiers).toHaveLength(1);
  });

  it('merges traits so that the later timestamp wins per key, whatever the order', () => {
    const result = plan(
      [
        event('late', [email('a')], 30, { plan: 'pro', city: 'Berlin' }),
        event('early', [email('a')], 10, { plan: 'free', age: 40 }),
      ],
      {
        links: [[email('a'), 'p1']],
        profiles: [
          known('p1', {
            traits: { plan: 'trial' },
            traitTimestamps: { plan: at(20).toISOString() },
          }),
        ],
      },
    );
    expect(result.updatedProfiles[0]!.traits).toEqual({ plan: 'pro', city: 'Berlin', age: 40 });
  });

  it('sets once-traits only on keys the profile lacks; an ordinary trait replaces them', () => {
    const once = (eventId: string, minute: number, traitsOnce: Record<string, unknown>) => ({
      ...event(eventId, [email('a')], minute),
      traitsOnce,
    });
    const result = plan(
      [
        once('first', 5, { plan: 'free', source: 'ad', city: 'Paris' }),
        once('again', 50, { source: 'newsletter', city: 'Rome' }),
        event('set', [email('a')], 1, { city: 'Berlin' }),
      ],
      {
        links: [[email('a'), 'p1']],
        profiles: [
          known('p1', {
            traits: { plan: 'pro' },
            traitTimestamps: { plan: at(0).toISOString() },
          }),
        ],
      },
    );
    // `plan` existed and `source` was set once first; `city`, set once, yields to a
    // $set even of an earlier time.
    expect(result.updatedProfiles[0]!.traits).toEqual({
      plan: 'pro',
      source: 'ad',
      city: 'Berlin',
    });
  });

  it('merges the traits of a merged profile by their own timestamps', () => {
    const result = plan([event('e', [email('a'), phone('b')], 1)], {
      links: [
        [email('a'), 'old'],
        [phone('b'), 'young'],
      ],
      profiles: [
        known('old', {
          createdAt: at(0),
          traits: { plan: 'free' },
          traitTimestamps: { plan: at(1).toISOString() },
        }),
        known('young', {
          createdAt: at(5),
          traits: { plan: 'pro' },
          traitTimestamps: { plan: at(7).toISOString() },
        }),
      ],
    });
    expect(result.updatedProfiles[0]!.traits).toEqual({ plan: 'pro' });
  });

  it('points earlier merges at the final survivor when a survivor is merged again', () => {
    const result = plan(
      [event('e1', [email('a'), phone('b')]), event('e2', [phone('b'), anon('c')])],
      {
        links: [
          [email('a'), 'p2'],
          [phone('b'), 'p3'],
          [anon('c'), 'p1'],
        ],
        profiles: [
          known('p1', { createdAt: at(1) }),
          known('p2', { createdAt: at(2) }),
          known('p3', { createdAt: at(3) }),
        ],
      },
    );
    expect(result.merges).toEqual([
      { mergedProfileId: 'p3', intoProfileId: 'p1', eventId: 'e1' },
      { mergedProfileId: 'p2', intoProfileId: 'p1', eventId: 'e2' },
    ]);
    expect(result.assignments.map((a) => a.profileId)).toEqual(['p1', 'p1']);
    expect(result.updatedProfiles.map((p) => p.profileId)).toEqual(['p1']);
  });

  it('tracks first and last seen of identifiers across the batch', () => {
    const result = plan([event('e1', [email('a')], 30), event('e2', [email('a'), email('a')], 10)]);
    expect(result.identifiers).toEqual([
      { type: 'email', hash: h('a'), profileId: 'new-1', firstSeenAt: at(10), lastSeenAt: at(30) },
    ]);
  });

  it('fails loudly when a linked profile was not loaded', () => {
    expect(() => plan([event('e', [email('a')])], { links: [[email('a'), 'ghost']] })).toThrow(
      /not loaded/,
    );
  });
});

describe('planResolution without the limited identifiers of known profiles', () => {
  const unloaded = (id: string) => known(id, { limitedIdentifiers: undefined });

  it('needs none for events that bring no new identifier of a limited type to one profile', () => {
    const result = plan(
      [event('e1', [email('a'), ext('x')]), event('e2', [email('a'), anon('n')])],
      {
        links: [
          [email('a'), 'p1'],
          [ext('x'), 'p1'],
        ],
        profiles: [unloaded('p1')],
      },
    );
    expect(result.limitedNeeded).toEqual([]);
    expect(result.assignments.map((a) => a.outcome)).toEqual(['unchanged', 'linked']);
  });

  it('asks for the profile’s when an event brings it a new external id', () => {
    const result = plan([event('e', [email('a'), ext('y')])], {
      links: [[email('a'), 'p1']],
      profiles: [unloaded('p1')],
    });
    expect(result.limitedNeeded).toEqual(['p1']);
  });

  it('asks for both profiles’ when an event would merge them', () => {
    const result = plan([event('e', [email('a'), phone('b')])], {
      links: [
        [email('a'), 'p1'],
        [phone('b'), 'p2'],
      ],
      profiles: [unloaded('p1'), unloaded('p2')],
    });
    expect([...result.limitedNeeded].sort()).toEqual(['p1', 'p2']);
  });

  it('needs nothing of a profile created in the batch', () => {
    const result = plan([event('e1', [email('a')]), event('e2', [email('a'), ext('y')])]);
    expect(result.limitedNeeded).toEqual([]);
    expect(result.assignments.map((a) => a.outcome)).toEqual(['created', 'linked']);
  });
});
