import request from 'supertest';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { ingestEvents } from '../testing/seed';
import { encodeEventCursor } from '@stratum/schemas';

let t: AppUnderTest;
let profileId: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  [profileId] = (await ingestEvents(t.db, t.tenant.tenant.tenantId, [
    {
      eventId: 'e-1',
      occurredAt: '2026-05-01T00:00:00Z',
      identifiers: [{ type: 'email', value: 'dana@example.com' }],
    },
  ])) as [string];
});

afterAll(async () => {
  await t.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HASH = 'a'.repeat(64);

// [what, path (PROFILE = a real profile id), expected errors[0].path, message fragment]
const CASES: [string, string, string, string][] = [
  ['a malformed profile id', '/profiles/not-a-uuid', 'id', 'must be a UUID'],
  ['a malformed id on events', '/profiles/123/events', 'id', 'must be a UUID'],
  ['a malformed id on consents', '/profiles/zzz/consents', 'id', 'must be a UUID'],
  ['limit=0', '/profiles/PROFILE/events?limit=0', 'limit', 'from 1 to 1000'],
  ['limit=1001', '/profiles/PROFILE/events?limit=1001', 'limit', 'from 1 to 1000'],
  ['limit=abc', '/profiles/PROFILE/events?limit=abc', 'limit', 'from 1 to 1000'],
  ['limit=2.5', '/profiles/PROFILE/events?limit=2.5', 'limit', 'from 1 to 1000'],
  [
    'a cursor that is not base64url',
    '/profiles/PROFILE/events?cursor=%25%25%25',
    'cursor',
    'not a cursor',
  ],
  [
    'a cursor that is not JSON',
    `/profiles/PROFILE/events?cursor=${Buffer.from('nope').toString('base64url')}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a cursor without an event id',
    `/profiles/PROFILE/events?cursor=${b64({ t: '2026-01-01T00:00:00Z' })}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a cursor with an extra member',
    `/profiles/PROFILE/events?cursor=${b64({ t: '2026-01-01T00:00:00Z', e: 'x', p: 1 })}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a cursor with an impossible date',
    `/profiles/PROFILE/events?cursor=${b64({ t: '2026-02-30T00:00:00Z', e: 'x' })}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a cursor with a local time',
    `/profiles/PROFILE/events?cursor=${b64({ t: '2026-01-01T00:00:00', e: 'x' })}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a from without an offset',
    '/profiles/PROFILE/events?from=2026-01-01T00:00:00',
    'from',
    'ISO 8601',
  ],
  ['a to that is not a date', '/profiles/PROFILE/events?to=yesterday', 'to', 'ISO 8601'],
  [
    'a to before from',
    '/profiles/PROFILE/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    'to',
    'must not be before from',
  ],
  ['an empty name', '/profiles/PROFILE/events?name=', 'name', 'must not be empty'],
  [
    'a misspelled filter',
    '/profiles/PROFILE/events?form=2026-01-01T00:00:00Z',
    'form',
    'not a parameter',
  ],
  [
    'an unknown identifier type',
    '/profiles?identifier_type=fax&identifier_value=123',
    'identifier_type',
    "unknown identifier type 'fax'",
  ],
  [
    'both identifier_value and identifier_hash',
    `/profiles?identifier_type=email&identifier_value=a@b.co&identifier_hash=${HASH}`,
    'identifier_hash',
    'must not be given together',
  ],
  [
    'neither identifier_value nor identifier_hash',
    '/profiles?identifier_type=email',
    'identifier_value',
    'identifier_value or identifier_hash is required',
  ],
  [
    'no parameters at all',
    '/profiles',
    'identifier_value',
    'identifier_value or identifier_hash is required',
  ],
  [
    'a value without a type',
    '/profiles?identifier_value=dana@example.com',
    'identifier_type',
    'is required with identifier_value',
  ],
  [
    'a hash that is not SHA-256 hex',
    `/profiles?identifier_hash=${'A'.repeat(64)}`,
    'identifier_hash',
    '64 lowercase hexadecimal',
  ],
  [
    'an invalid email value',
    '/profiles?identifier_type=email&identifier_value=not-an-email',
    'identifier_value',
    'is not a valid email address',
  ],
  [
    'a phone without a country',
    '/profiles?identifier_type=phone&identifier_value=4155550100',
    'identifier_value',
    'add default_country',
  ],
  ['a repeated parameter', '/profiles/PROFILE/events?limit=1&limit=2', 'limit', 'from 1 to 1000'],
];

describe('bad input', () => {
  it.each(CASES)('answers 400 problem+json for %s', async (_what, path, field, message) => {
    const res = await request(t.app)
      .get(`/api/v1/cdp${path.replace('PROFILE', profileId)}`)
      .set('Authorization', t.auth);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      type: 'https://stratum-cdp.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
    });
    expect(res.body.detail).toEqual(expect.any(String));
    expect(res.body.errors[0].path).toBe(field);
    expect(res.body.errors[0].message).toContain(message);
  });

  it('never repeats a submitted identifier value in the answer', async () => {
    const res = await request(t.app)
      .get('/api/v1/cdp/profiles')
      .query({ identifier_type: 'email', identifier_value: 'secret-person@@example' })
      .set('Authorization', t.auth)
      .expect(400);
    expect(JSON.stringify(res.body)).not.toContain('secret-person');
  });

  it('does not echo a parameter name that looks like a value', async () => {
    const res = await request(t.app)
      .get(`/api/v1/cdp/profiles/${profileId}/events?jane%40example.com=1`)
      .set('Authorization', t.auth)
      .expect(400);
    expect(JSON.stringify(res.body)).not.toContain('jane');
    expect(res.body.errors).toEqual([
      { path: '', message: 'an unknown query parameter was given' },
    ]);
  });

  it('accepts a well-formed cursor this API never issued as a position', async () => {
    const cursor = encodeEventCursor({ occurredAt: '2026-06-01T00:00:00.000000Z', eventId: 'zzz' });
    const res = await request(t.app)
      .get(`/api/v1/cdp/profiles/${profileId}/events`)
      .query({ cursor })
      .set('Authorization', t.auth)
      .expect(200);
    expect(res.body.events.map((e: { event_id: string }) => e.event_id)).toEqual(['e-1']);
  });

  it('lists every problem of a request at once', async () => {
    const res = await request(t.app)
      .get(`/api/v1/cdp/profiles/${profileId}/events`)
      .query({ limit: 0, from: 'soon', colour: 'red' })
      .set('Authorization', t.auth)
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'colour',
      'from',
      'limit',
    ]);
  });
});
