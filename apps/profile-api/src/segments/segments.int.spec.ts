import request from 'supertest';
import { createTestTenant } from '@stratum/db/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { deleteSegment } from '@stratum/segments';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { ingestEvents } from '../testing/seed';
import { bearerWithScopes, createTestSegment, planIs } from '../testing/segments';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const ROUTES = ['members', 'changes'] as const;

let t: AppUnderTest;
let tenantId: string;
let segmentId: string;
let readerAuth: string;
let memberIds: string[];

beforeAll(async () => {
  t = await startAppUnderTest();
  tenantId = t.tenant.tenant.tenantId;
  memberIds = await ingestEvents(
    t.db,
    tenantId,
    ['ann', 'bob'].map((name) => ({
      eventId: `${name}-1`,
      occurredAt: '2026-05-01T00:00:00Z',
      identifiers: [{ type: 'email' as const, value: `${name}@example.com` }],
      traits: { plan: 'pro' },
    })),
  );
  segmentId = await createTestSegment(t.db, tenantId, { name: 'Pro', definition: planIs('pro') });
  readerAuth = await bearerWithScopes(t.db, tenantId, ['segments:read']);
});

afterAll(async () => {
  await t.close();
});

const get = (route: string, auth: string, id = segmentId) =>
  request(t.app).get(`/api/v1/cdp/segments/${id}/${route}`).set('Authorization', auth);

// A problem without its per-request id, to compare two answers.
const problem = (body: Record<string, unknown>) => ({ ...body, request_id: null });

describe('scopes', () => {
  it.each(ROUTES)('%s: answers 403 for a key with profiles:read alone', async (route) => {
    const auth = await bearerWithScopes(t.db, tenantId, ['profiles:read']);
    const res = await get(route, auth).expect(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toBe('This API key lacks the scope segments:read');
  });

  it.each(ROUTES)('%s: answers 403 for a write key', async (route) => {
    await get(route, `Bearer ${t.tenant.writeKey.key}`).expect(403);
  });

  it.each(ROUTES)('%s: answers 401 without a key', async (route) => {
    await request(t.app).get(`/api/v1/cdp/segments/${segmentId}/${route}`).expect(401);
  });

  it.each(ROUTES)('%s: answers 200 for segments:read and for admin', async (route) => {
    const admin = await bearerWithScopes(t.db, tenantId, ['admin']);
    for (const auth of [readerAuth, admin]) {
      const res = await get(route, auth).expect(200);
      expect(res.body[route]).toHaveLength(2);
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
  });

  it('lists the members, by profile id, with when they entered', async () => {
    const res = await get('members', readerAuth).expect(200);
    expect(res.body).toEqual({
      members: [...memberIds].sort().map((profileId) => ({
        profile_id: profileId,
        entered_at: expect.any(String),
      })),
      next_cursor: null,
    });
  });
});

describe('segments that are not the key’s to read', () => {
  it.each(ROUTES)(
    '%s: answers another tenant’s segment exactly like an unknown one',
    async (route) => {
      const other = await createTestTenant(t.db, { secretKeyScopes: ['segments:read'] });
      const otherAuth = `Bearer ${other.secretKey.key}`;
      const theirs = await get(route, otherAuth).expect(404);
      const unknown = await get(route, otherAuth, UNKNOWN_ID).expect(404);
      expect(theirs.headers['content-type']).toContain('application/problem+json');
      expect(problem(theirs.body)).toEqual(problem(unknown.body));
      expect(theirs.body.detail).toBe('No segment with this id');
    },
  );

  it('answers a deleted segment exactly like an unknown one, on both routes', async () => {
    const doomed = await createTestSegment(t.db, tenantId, {
      name: 'Doomed',
      definition: planIs('pro'),
    });
    await get('members', readerAuth, doomed).expect(200);
    expect(await deleteSegment(t.db, tenantId, doomed)).toBe(true);
    for (const route of ROUTES) {
      const deleted = await get(route, readerAuth, doomed).expect(404);
      const unknown = await get(route, readerAuth, UNKNOWN_ID).expect(404);
      expect(problem(deleted.body)).toEqual(problem(unknown.body));
    }
  });
});
