import request from 'supertest';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { bearerWithScopes, createTestSegment, planIs } from '../testing/segments';
import { encodeChangesCursor, encodeMembersCursor } from './segment-cursor';

let t: AppUnderTest;
let auth: string;
let segmentId: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  const tenantId = t.tenant.tenant.tenantId;
  auth = await bearerWithScopes(t.db, tenantId, ['segments:read']);
  segmentId = await createTestSegment(t.db, tenantId, { name: 'Any', definition: planIs('pro') });
});

afterAll(async () => {
  await t.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const PROFILE_ID = '0b8f4d52-5d7e-4c1a-9a57-3b8e9f2c1d40';

// [what, path (SEGMENT = a real segment id), expected errors[0].path, message fragment]
const CASES: [string, string, string, string][] = [
  ['a malformed id on members', '/segments/not-a-uuid/members', 'id', 'must be a UUID'],
  ['a malformed id on changes', '/segments/123/changes', 'id', 'must be a UUID'],
  ['limit=0 on members', '/segments/SEGMENT/members?limit=0', 'limit', 'from 1 to 1000'],
  ['limit=1001 on changes', '/segments/SEGMENT/changes?limit=1001', 'limit', 'from 1 to 1000'],
  ['limit=abc on changes', '/segments/SEGMENT/changes?limit=abc', 'limit', 'from 1 to 1000'],
  ['limit=2.5 on members', '/segments/SEGMENT/members?limit=2.5', 'limit', 'from 1 to 1000'],
  ['an empty cursor', '/segments/SEGMENT/members?cursor=', 'cursor', 'must not be empty'],
  [
    'a cursor that is not base64url',
    '/segments/SEGMENT/members?cursor=%25%25',
    'cursor',
    'not a cursor',
  ],
  [
    'a cursor that is not JSON',
    `/segments/SEGMENT/changes?cursor=${Buffer.from('nope').toString('base64url')}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a members cursor on changes',
    `/segments/SEGMENT/changes?cursor=${encodeMembersCursor(PROFILE_ID)}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a changes cursor on members',
    `/segments/SEGMENT/members?cursor=${encodeChangesCursor(42)}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a changes cursor with a negative position',
    `/segments/SEGMENT/changes?cursor=${b64({ l: -1 })}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a changes cursor with a position past 2^53',
    `/segments/SEGMENT/changes?cursor=${b64({ l: 2 ** 53 })}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a changes cursor with a fractional position',
    `/segments/SEGMENT/changes?cursor=${b64({ l: 1.5 })}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a changes cursor with the position as text',
    `/segments/SEGMENT/changes?cursor=${b64({ l: '42' })}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a members cursor that is not a UUID',
    `/segments/SEGMENT/members?cursor=${b64({ p: "x' or 1=1 --" })}`,
    'cursor',
    'not a cursor',
  ],
  [
    'a cursor with an extra member',
    `/segments/SEGMENT/changes?cursor=${b64({ l: 1, p: PROFILE_ID })}`,
    'cursor',
    'not a cursor',
  ],
  ['a since that is not a date', '/segments/SEGMENT/changes?since=yesterday', 'since', 'ISO 8601'],
  [
    'a since without an offset',
    '/segments/SEGMENT/changes?since=2026-06-01T00:00:00',
    'since',
    'ISO 8601',
  ],
  [
    'a repeated since',
    '/segments/SEGMENT/changes?since=2026-06-01T00:00:00Z&since=2026-06-02T00:00:00Z',
    'since',
    'ISO 8601',
  ],
  [
    'since on members',
    '/segments/SEGMENT/members?since=2026-06-01T00:00:00Z',
    'since',
    'not a parameter',
  ],
  [
    'a misspelled parameter',
    '/segments/SEGMENT/changes?sinse=2026-06-01T00:00:00Z',
    'sinse',
    'not a parameter',
  ],
];

describe('bad input to the segment routes', () => {
  it.each(CASES)('answers 400 problem+json for %s', async (_what, path, field, message) => {
    const res = await request(t.app)
      .get(`/api/v1/cdp${path.replace('SEGMENT', segmentId)}`)
      .set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      type: 'https://stratum-cdp.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
    });
    expect(res.body.errors[0].path).toBe(field);
    expect(res.body.errors[0].message).toContain(message);
  });

  it('lists every bad parameter at once', async () => {
    const res = await request(t.app)
      .get(`/api/v1/cdp/segments/${segmentId}/changes`)
      .query({ limit: 0, since: 'soon', colour: 'red' })
      .set('Authorization', auth)
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'colour',
      'limit',
      'since',
    ]);
  });

  it('accepts a well-formed cursor this API never issued as a position', async () => {
    const res = await request(t.app)
      .get(`/api/v1/cdp/segments/${segmentId}/changes`)
      .query({ cursor: encodeChangesCursor(Number.MAX_SAFE_INTEGER) })
      .set('Authorization', auth)
      .expect(200);
    expect(res.body).toMatchObject({ changes: [], has_more: false });
  });
});
