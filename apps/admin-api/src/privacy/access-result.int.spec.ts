import request from 'supertest';
import { installJobQueue } from '@stratum/destinations/testing';
import { runPrivacyRequest } from '@stratum/privacy';
import { seedEvents } from '@stratum/privacy/testing';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { PRIVACY, privacyRequest } from '../testing/privacy-requests';

let t: AdminTestApp;
let tenantId: string;

beforeAll(async () => {
  t = await createAdminTestApp();
  tenantId = t.tenant.tenant.tenantId;
  await installJobQueue(t.testDb.url);
  await seedEvents(t.testDb.db, tenantId, [
    { identifiers: [{ type: 'email', value: 'ada@example.com' }], traits: { plan: 'pro' } },
    { identifiers: [{ type: 'email', value: 'ada@example.com' }], name: 'Signed Up' },
  ]);
});
afterAll(() => t.close());

const get = (path: string) => request(t.app).get(path).set('Authorization', t.secretAuth);

describe('GET /privacy-requests/{id}/result', () => {
  it('is a 409 until the worker has run the request, then streams the document', async () => {
    const submitted = await privacyRequest(t, {
      type: 'access',
      identifiers: [{ type: 'email', value: 'Ada@Example.com' }],
    }).expect(202);
    const id = submitted.body.request_id as string;
    const early = await get(`${PRIVACY}/${id}/result`).expect(409);
    expect(early.body.detail).toMatch(/not ready/);

    // What the worker's task does with the queued job.
    await runPrivacyRequest(t.testDb.db, tenantId, id);
    const status = await get(`${PRIVACY}/${id}`).expect(200);
    expect(status.body).toMatchObject({
      status: 'done',
      profiles_affected: 1,
      counts: { profiles: 1, events: 2 },
      message: 'The document of 1 profile is ready at /result.',
    });

    const res = await get(`${PRIVACY}/${id}/result`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename=privacy-access-${id}.json`,
    );
    expect(res.body).toMatchObject({
      request_id: id,
      profiles: [expect.objectContaining({ traits: { plan: 'pro' } })],
    });
    expect(res.body.events).toHaveLength(2);
    expect(res.text).not.toMatch(/ada@example/i);
  });

  it('is a 404 for a request that is not an access request, or unknown', async () => {
    const suppress = await privacyRequest(t, {
      type: 'suppress',
      identifiers: [{ type: 'email', value: 'x@example.com' }],
    }).expect(202);
    await get(`${PRIVACY}/${suppress.body.request_id}/result`).expect(404);
    await get(`${PRIVACY}/00000000-0000-4000-8000-000000000000/result`).expect(404);
  });
});
