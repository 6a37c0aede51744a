import { createHash } from 'node:crypto';
import request from 'supertest';
import { insertConsents } from '@stratum/db';
import type { ConsentStatus } from '@stratum/db';
import { createMetricsApp } from '@stratum/http';
import { ProfileSchema } from '@stratum/schemas';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { hashOf, ingestEvents, recordConsents } from '../testing/seed';

const JANE = { type: 'email' as const, value: 'jane@example.com' };
const JANE_PHONE = { type: 'phone' as const, value: '+14155550100' };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let t: AppUnderTest;
let janeId: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  [janeId] = (await ingestEvents(t.db, t.tenant.tenant.tenantId, [
    {
      eventId: 'jane-1',
      occurredAt: '2026-01-05T10:00:00.000Z',
      identifiers: [JANE],
      name: 'Signed Up',
      traits: { plan: 'free' },
    },
    {
      eventId: 'jane-2',
      occurredAt: '2026-01-06T10:00:00.000Z',
      identifiers: [JANE, JANE_PHONE],
      traits: { plan: 'pro' },
    },
  ])) as [string];
});

afterAll(async () => {
  await t.close();
});

const get = (path: string) => request(t.app).get(path).set('Authorization', t.auth);

describe('GET /api/v1/cdp/profiles/{id}', () => {
  it('returns the profile with its identifiers, traits, times and event count', async () => {
    const res = await get(`/api/v1/cdp/profiles/${janeId}`);
    expect(res.status).toBe(200);
    expect(ProfileSchema.parse(res.body)).toEqual(res.body);
    expect(res.body).toEqual({
      profile_id: janeId,
      identifiers: [
        {
          type: 'email',
          hash: hashOf(JANE),
          first_seen_at: '2026-01-05T10:00:00.000Z',
          last_seen_at: '2026-01-06T10:00:00.000Z',
        },
        {
          type: 'phone',
          hash: hashOf(JANE_PHONE),
          first_seen_at: '2026-01-06T10:00:00.000Z',
          last_seen_at: '2026-01-06T10:00:00.000Z',
        },
      ],
      traits: { plan: 'pro' },
      consents: [],
      merged_ids: [],
      merges: [],
      splits: [],
      refused_merges: [],
      first_seen_at: '2026-01-05T10:00:00.000Z',
      last_seen_at: '2026-01-06T10:00:00.000Z',
      event_count: 2,
      segments: [],
    });
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(JSON.stringify(res.body)).not.toContain('jane@example.com');
  });

  it('answers 404 problem+json for an unknown profile', async () => {
    const res = await get(`/api/v1/cdp/profiles/${UNKNOWN_ID}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, detail: 'No profile with this id' });
  });

  it('counts look-ups by result in cdp_profile_lookups_total', async () => {
    const count = async (result: string) =>
      (await t.metrics.profileLookups.get()).values.find((v) => v.labels.result === result)
        ?.value ?? 0;
    const [found, notFound] = [await count('found'), await count('not_found')];
    await get(`/api/v1/cdp/profiles/${janeId}`).expect(200);
    await get(`/api/v1/cdp/profiles/${UNKNOWN_ID}`).expect(404);
    expect((await count('found')) - found).toBe(1);
    expect((await count('not_found')) - notFound).toBe(1);
    const scraped = await request(createMetricsApp({ metrics: t.metrics, logger: t.log.logger }))
      .get('/metrics')
      .expect(200);
    expect(scraped.text).toContain('cdp_profile_lookups_total{result="found"}');
  });

  it('answers /metrics with 404 on the public port: it has a listener of its own', async () => {
    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.text).not.toContain('cdp_');
  });
});

describe('GET /api/v1/cdp/profiles?identifier_…', () => {
  it('finds a profile by email value, normalized and hashed by the server', async () => {
    const res = await get('/api/v1/cdp/profiles')
      .query({ identifier_type: 'email', identifier_value: '  Jane@Example.COM ' })
      .expect(200);
    expect(res.body.profile_id).toBe(janeId);
  });

  it('finds a profile by phone value with a default country', async () => {
    const res = await get('/api/v1/cdp/profiles')
      .query({
        identifier_type: 'phone',
        identifier_value: '(415) 555-0100',
        default_country: 'US',
      })
      .expect(200);
    expect(res.body.profile_id).toBe(janeId);
  });

  it('finds a profile by email hash, with or without the type', async () => {
    const hash = createHash('sha256').update('jane@example.com').digest('hex');
    const typed = await get('/api/v1/cdp/profiles')
      .query({ identifier_type: 'email', identifier_hash: hash })
      .expect(200);
    expect(typed.body.profile_id).toBe(janeId);
    const untyped = await get('/api/v1/cdp/profiles').query({ identifier_hash: hash }).expect(200);
    expect(untyped.body).toEqual(typed.body);
  });

  it('logs requests without the identifier values they carry', async () => {
    t.log.clear();
    await get('/api/v1/cdp/profiles')
      .query({ identifier_type: 'email', identifier_value: 'Jane@Example.COM' })
      .expect(200);
    const line = await t.log.waitFor((l) => l.message === 'request');
    expect(line).toMatchObject({ route: '/api/v1/cdp/profiles', status: 200 });
    expect(t.log.text().toLowerCase()).not.toContain('jane');
  });

  it('answers 404 for an identifier no profile holds', async () => {
    const res = await get('/api/v1/cdp/profiles')
      .query({ identifier_type: 'email', identifier_value: 'nobody@example.com' })
      .expect(404);
    expect(res.body.detail).toBe('No profile holds this identifier');
    expect(JSON.stringify(res.body)).not.toContain('nobody');
    await get('/api/v1/cdp/profiles')
      .query({ identifier_type: 'phone', identifier_hash: hashOf(JANE) })
      .expect(404);
  });

  it('answers 409 when a hash without a type belongs to several profiles', async () => {
    const tenantId = t.tenant.tenant.tenantId;
    await ingestEvents(t.db, tenantId, [
      {
        eventId: 'same-a',
        occurredAt: '2026-01-07T00:00:00Z',
        identifiers: [{ type: 'external_id', value: 'u-777' }],
      },
      {
        eventId: 'same-b',
        occurredAt: '2026-01-07T00:00:00Z',
        identifiers: [{ type: 'device_id', value: 'u-777' }],
      },
    ]);
    const hash = hashOf({ type: 'external_id', value: 'u-777' });
    const res = await get('/api/v1/cdp/profiles').query({ identifier_hash: hash }).expect(409);
    expect(res.body.detail).toContain('add identifier_type');
    await get('/api/v1/cdp/profiles')
      .query({ identifier_hash: hash, identifier_type: 'device_id' })
      .expect(200);
  });
});

describe('merged profiles', () => {
  let survivor: string;
  let mergedAway: string;

  beforeAll(async () => {
    const tenantId = t.tenant.tenant.tenantId;
    const anon = { type: 'anonymous_id' as const, value: 'anon-42' };
    const bob = { type: 'email' as const, value: 'bob@example.com' };
    [survivor] = (await ingestEvents(t.db, tenantId, [
      {
        eventId: 'bob-1',
        occurredAt: '2026-02-01T09:00:00Z',
        identifiers: [bob],
        name: 'Signed Up',
      },
    ])) as [string];
    [mergedAway] = (await ingestEvents(t.db, tenantId, [
      {
        eventId: 'anon-1',
        occurredAt: '2026-02-02T09:00:00Z',
        identifiers: [anon],
        name: 'Page Viewed',
      },
    ])) as [string];
    await recordConsents(t.db, tenantId, [
      {
        profileId: mergedAway,
        purpose: 'marketing',
        status: 'granted',
        occurredAt: '2026-02-02T09:05:00Z',
        source: 'cookie-banner',
      },
    ]);
    // Logging in links the anonymous visitor to Bob: the newer profile merges into the older.
    await ingestEvents(t.db, tenantId, [
      {
        eventId: 'login-1',
        occurredAt: '2026-02-03T09:00:00Z',
        identifiers: [bob, anon],
        name: 'Logged In',
      },
    ]);
  });

  it('answers a merged-away id with the surviving profile', async () => {
    expect(mergedAway).not.toBe(survivor);
    const res = await get(`/api/v1/cdp/profiles/${mergedAway}`).expect(200);
    expect(res.body.profile_id).toBe(survivor);
    expect(res.body.merged_ids).toEqual([mergedAway]);
    expect(res.body.event_count).toBe(3);
    expect(res.body.identifiers.map((i: { type: string }) => i.type).sort()).toEqual([
      'anonymous_id',
      'email',
    ]);
    expect(res.body.consents).toEqual([
      {
        purpose: 'marketing',
        status: 'granted',
        timestamp: '2026-02-02T09:05:00.000Z',
        source: 'cookie-banner',
      },
    ]);
    const direct = await get(`/api/v1/cdp/profiles/${survivor}`).expect(200);
    expect(direct.body).toEqual(res.body);
  });

  it('lists the events of the merged ids with the survivor’s', async () => {
    for (const id of [survivor, mergedAway]) {
      const res = await get(`/api/v1/cdp/profiles/${id}/events`).expect(200);
      expect(res.body.events.map((e: { event_id: string }) => e.event_id)).toEqual([
        'login-1',
        'anon-1',
        'bob-1',
      ]);
      expect(res.body.events[1].profile_id).toBe(mergedAway);
      expect(res.body.next_cursor).toBeNull();
    }
  });

  it('finds the survivor by an identifier that came with the merged profile', async () => {
    const res = await get('/api/v1/cdp/profiles')
      .query({ identifier_type: 'anonymous_id', identifier_value: 'anon-42' })
      .expect(200);
    expect(res.body.profile_id).toBe(survivor);
  });
});

describe('consents', () => {
  let profileId: string;

  beforeAll(async () => {
    const tenantId = t.tenant.tenant.tenantId;
    [profileId] = (await ingestEvents(t.db, tenantId, [
      {
        eventId: 'carol-1',
        occurredAt: '2026-03-01T00:00:00Z',
        identifiers: [{ type: 'email', value: 'carol@example.com' }],
      },
    ])) as [string];
    // Recorded out of order: the current state is the latest by occurred_at, not by arrival.
    await recordConsents(t.db, tenantId, [
      {
        profileId,
        purpose: 'marketing',
        status: 'granted',
        occurredAt: '2026-03-01T10:00:00Z',
        source: 'signup-form',
      },
      { profileId, purpose: 'analytics', status: 'granted', occurredAt: '2026-03-01T10:30:00Z' },
      {
        profileId,
        purpose: 'marketing',
        status: 'denied',
        occurredAt: '2026-03-05T10:00:00Z',
        source: 'preference-center',
      },
    ]);
    await recordConsents(t.db, tenantId, [
      {
        profileId,
        purpose: 'marketing',
        status: 'granted',
        occurredAt: '2026-03-03T10:00:00Z',
        source: 'email-link',
      },
    ]);
  });

  it('shows the current state per purpose on the profile', async () => {
    const res = await get(`/api/v1/cdp/profiles/${profileId}`).expect(200);
    expect(res.body.consents).toEqual([
      {
        purpose: 'analytics',
        status: 'granted',
        timestamp: '2026-03-01T10:30:00.000Z',
        source: null,
      },
      {
        purpose: 'marketing',
        status: 'denied',
        timestamp: '2026-03-05T10:00:00.000Z',
        source: 'preference-center',
      },
    ]);
  });

  it('returns the whole history, newest first', async () => {
    const res = await get(`/api/v1/cdp/profiles/${profileId}/consents`).expect(200);
    expect(res.body.profile_id).toBe(profileId);
    expect(
      res.body.consents.map((c: { purpose: string; status: string; timestamp: string }) => [
        c.purpose,
        c.status,
        c.timestamp,
      ]),
    ).toEqual([
      ['marketing', 'denied', '2026-03-05T10:00:00.000Z'],
      ['marketing', 'granted', '2026-03-03T10:00:00.000Z'],
      ['analytics', 'granted', '2026-03-01T10:30:00.000Z'],
      ['marketing', 'granted', '2026-03-01T10:00:00.000Z'],
    ]);
    for (const entry of res.body.consents) expect(Date.parse(entry.recorded_at)).not.toBeNaN();
  });

  it('answers 404 for the history of an unknown profile', async () => {
    await get(`/api/v1/cdp/profiles/${UNKNOWN_ID}/consents`).expect(404);
  });
});

describe('consents of one request for one purpose at one instant', () => {
  const at = new Date('2026-04-01T09:00:00Z');

  // Written by the function POST /consents writes with, in one transaction as it does.
  async function profileWithConsents(name: string, statuses: ConsentStatus[]): Promise<string> {
    const tenantId = t.tenant.tenant.tenantId;
    const [profileId] = (await ingestEvents(t.db, tenantId, [
      { eventId: name, occurredAt: at, identifiers: [{ type: 'external_id', value: name }] },
    ])) as [string];
    await t.db.transaction().execute((trx) =>
      insertConsents(trx, {
        tenantId,
        profileId,
        consents: statuses.map((status) => ({ purpose: 'marketing', status, occurredAt: at })),
        source: null,
        sourceId: null,
      }),
    );
    return profileId;
  }

  it.each([
    [['granted', 'denied'], 'denied'],
    [['denied', 'granted'], 'granted'],
    [['granted', 'granted', 'denied', 'granted', 'denied'], 'denied'],
    [['denied', 'denied', 'granted', 'denied', 'granted'], 'granted'],
  ] as const)(
    '%j: the later entry, %s, is current and first in the history',
    async (statuses, last) => {
      const profileId = await profileWithConsents(`tie-${statuses.join('-')}`, [...statuses]);
      const profile = await get(`/api/v1/cdp/profiles/${profileId}`).expect(200);
      expect(profile.body.consents).toEqual([
        { purpose: 'marketing', status: last, timestamp: at.toISOString(), source: null },
      ]);
      const history = await get(`/api/v1/cdp/profiles/${profileId}/consents`).expect(200);
      expect(history.body.consents.map((c: { status: string }) => c.status)).toEqual(
        [...statuses].reverse(),
      );
    },
  );
});
