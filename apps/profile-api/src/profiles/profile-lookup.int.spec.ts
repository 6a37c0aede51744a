import request from 'supertest';
import type pg from 'pg';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { hashOf, ingestEvents, recordConsents } from '../testing/seed';

let t: AppUnderTest;
let tenantId: string;
const sent: string[] = [];

// Records the text of every statement the app's pool sends.
function recordStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [first] = args;
      sent.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
      return query(...args);
    };
  });
}

beforeAll(async () => {
  t = await startAppUnderTest();
  tenantId = t.tenant.tenant.tenantId;
  recordStatements(t.appPool);
});

afterAll(async () => {
  await t.close();
});

const get = (path: string) => request(t.app).get(path).set('Authorization', t.auth);

describe('a profile look-up', () => {
  const dora = { type: 'email' as const, value: 'dora@example.com' };
  let doraId: string;

  beforeAll(async () => {
    [doraId] = (await ingestEvents(t.db, tenantId, [
      { eventId: 'dora-1', occurredAt: '2026-04-01T00:00:00Z', identifiers: [dora] },
    ])) as [string];
    await get(`/api/v1/cdp/profiles/${doraId}`).expect(200); // the key is cached from now on
  });

  it.each([
    ['by id', () => `/api/v1/cdp/profiles/${doraId}`, 200],
    [
      'by value',
      () => '/api/v1/cdp/profiles?identifier_type=email&identifier_value=dora@example.com',
      200,
    ],
    ['by hash', () => `/api/v1/cdp/profiles?identifier_hash=${hashOf(dora)}`, 200],
    ['of an unknown id', () => '/api/v1/cdp/profiles/00000000-0000-4000-8000-000000000000', 404],
  ])('%s is one SELECT, outside any explicit transaction', async (_name, path, status) => {
    sent.length = 0;
    await get(path()).expect(status);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^select /);
  });
});

describe('identifiers', () => {
  it('come oldest first, then by type, then by hash', async () => {
    const anonymous = ['anon-zz', 'anon-aa', 'anon-mm'].map((value) => ({
      type: 'anonymous_id' as const,
      value,
    }));
    const [profileId] = (await ingestEvents(t.db, tenantId, [
      {
        eventId: 'eve-1',
        occurredAt: '2026-04-02T00:00:00Z',
        identifiers: [
          { type: 'phone', value: '+14155550123' },
          { type: 'external_id', value: 'eve-crm' },
          { type: 'email', value: 'eve@example.com' },
        ],
      },
      { eventId: 'eve-2', occurredAt: '2026-04-03T00:00:00Z', identifiers: anonymous },
      {
        eventId: 'eve-3',
        occurredAt: '2026-04-04T00:00:00Z',
        identifiers: [{ type: 'email', value: 'eve@example.com' }, ...anonymous],
      },
    ])) as [string];
    const res = await get(`/api/v1/cdp/profiles/${profileId}`).expect(200);
    expect(res.body.identifiers.map((i: { type: string }) => i.type)).toEqual([
      'email',
      'external_id',
      'phone',
      'anonymous_id',
      'anonymous_id',
      'anonymous_id',
    ]);
    const anonymousHashes = res.body.identifiers.slice(3).map((i: { hash: string }) => i.hash);
    expect(anonymousHashes).toEqual(anonymous.map(hashOf).sort());
    expect(res.body.identifiers[0]).toEqual({
      type: 'email',
      hash: hashOf({ type: 'email', value: 'eve@example.com' }),
      first_seen_at: '2026-04-02T00:00:00.000Z',
      last_seen_at: '2026-04-04T00:00:00.000Z',
    });
  });
});

describe('a profile with merged ids', () => {
  const frank = { type: 'email' as const, value: 'frank@example.com' };
  const phone = { type: 'phone' as const, value: '+14155550188' };
  const device = { type: 'device_id' as const, value: 'frank-tablet' };
  let survivor: string;
  let mergedFirst: string;
  let mergedSecond: string;

  beforeAll(async () => {
    [survivor, mergedFirst, mergedSecond] = (await ingestEvents(t.db, tenantId, [
      { eventId: 'frank-1', occurredAt: '2026-05-01T00:00:00Z', identifiers: [frank] },
      { eventId: 'frank-2', occurredAt: '2026-05-02T00:00:00Z', identifiers: [phone] },
      { eventId: 'frank-3', occurredAt: '2026-05-03T00:00:00Z', identifiers: [device] },
    ])) as [string, string, string];
    await recordConsents(t.db, tenantId, [
      // marketing: the merged profile's later change wins over the survivor's
      {
        profileId: survivor,
        purpose: 'marketing',
        status: 'granted',
        occurredAt: '2026-05-01T01:00:00Z',
      },
      {
        profileId: mergedFirst,
        purpose: 'marketing',
        status: 'denied',
        occurredAt: '2026-05-02T01:00:00Z',
        source: 'unsubscribe',
      },
      // analytics: the survivor's later change wins over the merged profile's
      {
        profileId: mergedSecond,
        purpose: 'analytics',
        status: 'granted',
        occurredAt: '2026-05-03T01:00:00Z',
      },
      {
        profileId: survivor,
        purpose: 'analytics',
        status: 'denied',
        occurredAt: '2026-05-04T01:00:00Z',
      },
      // personalization, recorded twice for the same instant: the later recording wins
      {
        profileId: survivor,
        purpose: 'personalization',
        status: 'denied',
        occurredAt: '2026-05-05T00:00:00Z',
      },
    ]);
    await recordConsents(t.db, tenantId, [
      {
        profileId: mergedSecond,
        purpose: 'personalization',
        status: 'granted',
        occurredAt: '2026-05-05T00:00:00Z',
        source: 'settings',
      },
    ]);
    // advertising, same instant and one insert: the row inserted later wins, not the
    // greater (random) consent id
    await t.db
      .insertInto('cdp_consents')
      .values(
        [
          ['ffffffff-ffff-4fff-bfff-ffffffffffff', mergedFirst, 'denied'] as const,
          ['00000000-0000-4000-8000-000000000001', survivor, 'granted'] as const,
        ].map(([consentId, profileId, status]) => ({
          tenant_id: tenantId,
          consent_id: consentId,
          profile_id: profileId,
          purpose: 'advertising' as const,
          status,
          occurred_at: '2026-05-06T00:00:00Z',
        })),
      )
      .execute();
    // Two merges, one after the other: each newer profile merges into the oldest.
    await ingestEvents(t.db, tenantId, [
      { eventId: 'frank-4', occurredAt: '2026-05-07T00:00:00Z', identifiers: [frank, phone] },
    ]);
    await ingestEvents(t.db, tenantId, [
      { eventId: 'frank-5', occurredAt: '2026-05-08T00:00:00Z', identifiers: [device, frank] },
    ]);
  });

  it('answers every id, and every identifier, with the survivor', async () => {
    const byIds = await Promise.all(
      [survivor, mergedFirst, mergedSecond].map((id) => get(`/api/v1/cdp/profiles/${id}`)),
    );
    const byIdentifiers = await Promise.all(
      [frank, phone, device].map((identifier) =>
        get('/api/v1/cdp/profiles').query({ identifier_hash: hashOf(identifier) }),
      ),
    );
    for (const res of [...byIds, ...byIdentifiers]) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual(byIds[0]!.body);
    }
    expect(byIds[0]!.body).toMatchObject({
      profile_id: survivor,
      merged_ids: [mergedFirst, mergedSecond],
      event_count: 5,
      first_seen_at: '2026-05-01T00:00:00.000Z',
      last_seen_at: '2026-05-08T00:00:00.000Z',
    });
    expect(byIds[0]!.body.identifiers.map((i: { type: string }) => i.type)).toEqual([
      'email',
      'phone',
      'device_id',
    ]);
  });

  it('lists the merges into the survivor, oldest first, each with the event that caused it', async () => {
    const res = await get(`/api/v1/cdp/profiles/${survivor}`).expect(200);
    expect(res.body.merges).toEqual([
      {
        merge_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        merged_profile_id: mergedFirst,
        merged_at: expect.any(String),
        event_id: 'frank-4',
        // The merged profile's own sightings, as of its merge.
        first_seen_at: '2026-05-02T00:00:00.000Z',
        last_seen_at: '2026-05-02T00:00:00.000Z',
      },
      {
        merge_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        merged_profile_id: mergedSecond,
        merged_at: expect.any(String),
        event_id: 'frank-5',
        first_seen_at: '2026-05-03T00:00:00.000Z',
        last_seen_at: '2026-05-03T00:00:00.000Z',
      },
    ]);
    expect(res.body.merges[0].merge_id).not.toBe(res.body.merges[1].merge_id);
  });

  it('shows the current consents over the survivor and the merged ids, by purpose', async () => {
    const res = await get(`/api/v1/cdp/profiles/${mergedSecond}`).expect(200);
    expect(res.body.consents).toEqual([
      {
        purpose: 'advertising',
        status: 'granted',
        timestamp: '2026-05-06T00:00:00.000Z',
        source: null,
      },
      {
        purpose: 'analytics',
        status: 'denied',
        timestamp: '2026-05-04T01:00:00.000Z',
        source: null,
      },
      {
        purpose: 'marketing',
        status: 'denied',
        timestamp: '2026-05-02T01:00:00.000Z',
        source: 'unsubscribe',
      },
      {
        purpose: 'personalization',
        status: 'granted',
        timestamp: '2026-05-05T00:00:00.000Z',
        source: 'settings',
      },
    ]);
  });
});

describe('a hash without a type', () => {
  it('finds the one profile that holds it under two types', async () => {
    const [profileId] = (await ingestEvents(t.db, tenantId, [
      {
        eventId: 'gus-1',
        occurredAt: '2026-06-01T00:00:00Z',
        identifiers: [
          { type: 'external_id', value: 'gus-42' },
          { type: 'device_id', value: 'gus-42' },
        ],
      },
    ])) as [string];
    const hash = hashOf({ type: 'device_id', value: 'gus-42' });
    const res = await get('/api/v1/cdp/profiles').query({ identifier_hash: hash }).expect(200);
    expect(res.body.profile_id).toBe(profileId);
  });
});

describe('refused merges', () => {
  const olga = { type: 'email' as const, value: 'olga@example.com' };
  const gina = { type: 'email' as const, value: 'gina@example.com' };
  const ginaCrm = { type: 'external_id' as const, value: 'gina-crm' };
  const idaCrm = { type: 'external_id' as const, value: 'ida-crm' };
  const idaDevice = { type: 'device_id' as const, value: 'ida-device' };
  let olgaId: string;
  let ginaId: string;
  let idaId: string;

  beforeAll(async () => {
    [olgaId] = (await ingestEvents(t.db, tenantId, [
      { eventId: 'olga-1', occurredAt: '2026-07-01T00:00:00Z', identifiers: [olga] },
    ])) as [string];
    [ginaId] = (await ingestEvents(t.db, tenantId, [
      { eventId: 'gina-1', occurredAt: '2026-07-02T00:00:00Z', identifiers: [ginaCrm, gina] },
    ])) as [string];
    [idaId] = (await ingestEvents(t.db, tenantId, [
      { eventId: 'ida-1', occurredAt: '2026-07-03T00:00:00Z', identifiers: [idaCrm, idaDevice] },
    ])) as [string];
    // Two external ids on one profile: refused twice, the events going to Ida's profile.
    await ingestEvents(t.db, tenantId, [
      { eventId: 'ida-2', occurredAt: '2026-07-04T00:00:00Z', identifiers: [idaCrm, gina] },
    ]);
    await ingestEvents(t.db, tenantId, [
      { eventId: 'ida-3', occurredAt: '2026-07-05T00:00:00Z', identifiers: [gina, idaCrm] },
    ]);
    // Then Ida's profile is merged into Olga's, the oldest.
    await ingestEvents(t.db, tenantId, [
      { eventId: 'olga-2', occurredAt: '2026-07-06T00:00:00Z', identifiers: [idaDevice, olga] },
    ]);
  });

  const refusal = (otherProfileId: string, firstSeenAt: string, lastSeenAt: string) => ({
    other_profile_id: otherProfileId,
    other_first_seen_at: firstSeenAt,
    other_last_seen_at: lastSeenAt,
    reason: 'identifier_limit',
    first_event_id: 'ida-2',
    last_event_id: 'ida-3',
    first_refused_at: expect.any(String),
    last_refused_at: expect.any(String),
    refusals: 2,
  });

  it('are listed on both profiles, as refused between the pair', async () => {
    const gina = await get(`/api/v1/cdp/profiles/${ginaId}`).expect(200);
    // Ida's profile as of its merge into Olga's: its first event and the two refused.
    expect(gina.body.refused_merges).toEqual([
      refusal(idaId, '2026-07-03T00:00:00.000Z', '2026-07-05T00:00:00.000Z'),
    ]);
    expect(gina.body.merges).toEqual([]);
  });

  it('follow a profile merged into the survivor, whichever id is asked for', async () => {
    for (const id of [olgaId, idaId]) {
      const res = await get(`/api/v1/cdp/profiles/${id}`).expect(200);
      expect(res.body.profile_id).toBe(olgaId);
      expect(res.body.refused_merges).toEqual([
        refusal(ginaId, '2026-07-02T00:00:00.000Z', '2026-07-02T00:00:00.000Z'),
      ]);
    }
  });

  it('are an empty list on a profile without any', async () => {
    const [hildaId] = (await ingestEvents(t.db, tenantId, [
      {
        eventId: 'hilda-1',
        occurredAt: '2026-07-07T00:00:00Z',
        identifiers: [{ type: 'email', value: 'hilda@example.com' }],
      },
    ])) as [string];
    const res = await get(`/api/v1/cdp/profiles/${hildaId}`).expect(200);
    expect(res.body.refused_merges).toEqual([]);
  });
});
