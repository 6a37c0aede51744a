import request from 'supertest';
import { createTestTenant } from '@stratum/db/testing';
import { installJobQueue } from '@stratum/destinations/testing';
import { sql } from 'kysely';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { PRIVACY, privacyRequest } from '../testing/privacy-requests';
import { secretKeyWith } from '../testing/segment-requests';

let t: AdminTestApp;
beforeAll(async () => {
  t = await createAdminTestApp();
});
afterAll(() => t.close());

const email = { type: 'email', value: 'jane@example.com' };

async function requestCount(): Promise<number> {
  const row = await t.testDb.db
    .selectFrom('cdp_privacy_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /privacy-requests refuses', () => {
  it.each([
    ['an unknown type', { type: 'forget', identifiers: [email] }, 'type'],
    ['no identifiers', { type: 'erase', identifiers: [] }, 'identifiers'],
    [
      'a hash that is not 64 lowercase hex',
      { type: 'erase', identifiers: [{ type: 'email', hash: 'A'.repeat(64) }] },
      'identifiers.0.hash',
    ],
    [
      'both a value and a hash',
      { type: 'erase', identifiers: [{ ...email, hash: 'a'.repeat(64) }] },
      'identifiers.0.hash',
    ],
    [
      'an unknown identifier type',
      { type: 'erase', identifiers: [{ type: 'fax', value: '1' }] },
      'identifiers.0.type',
    ],
    [
      'an invalid email',
      { type: 'suppress', identifiers: [{ type: 'email', value: 'secret-person@' }] },
      'identifiers.0.value',
    ],
    [
      'a phone number without its country code',
      { type: 'suppress', identifiers: [{ type: 'phone', value: '(415) 555-0100' }] },
      'identifiers.0.value',
    ],
  ])('%s, naming the field and not the value, and records nothing', async (_, body, path) => {
    const before = await requestCount();
    const res = await privacyRequest(t, body).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path })]);
    expect(JSON.stringify(res.body)).not.toMatch(/secret-person|555-0100/);
    expect(await requestCount()).toBe(before);
  });

  it('a key without privacy:write, and the write key', async () => {
    const reader = await secretKeyWith(t.testDb.db, t.tenant.tenant.tenantId, ['segments:read']);
    await privacyRequest(t, { type: 'suppress', identifiers: [email] }, reader).expect(403);
    await privacyRequest(t, { type: 'suppress', identifiers: [email] }, t.writeAuth).expect(403);
    const privacy = await secretKeyWith(t.testDb.db, t.tenant.tenant.tenantId, ['privacy:write']);
    await privacyRequest(t, { type: 'suppress', identifiers: [email] }, privacy).expect(202);
  });

  it('an erase or access request before the job queue is installed, with a 503', async () => {
    const before = await requestCount();
    const res = await privacyRequest(t, { type: 'erase', identifiers: [email] }).expect(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(await requestCount()).toBe(before);
  });
});

describe('erase and access requests', () => {
  it('are recorded pending and queued for the worker, with ids only in the job', async () => {
    await installJobQueue(t.testDb.url);
    const res = await privacyRequest(t, { type: 'access', identifiers: [email] }).expect(202);
    expect(res.body).toEqual({ request_id: expect.any(String), status: 'pending' });
    expect(res.headers['location']).toBe(`${PRIVACY}/${res.body.request_id}`);
    const { rows } = await sql<{ task_identifier: string; payload: unknown }>`
      SELECT t.identifier AS task_identifier, j.payload FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id`.execute(t.testDb.db);
    expect(rows).toEqual([
      {
        task_identifier: 'privacy-request',
        payload: { tenant_id: t.tenant.tenant.tenantId, request_id: res.body.request_id },
      },
    ]);
    const status = await request(t.app)
      .get(`${PRIVACY}/${res.body.request_id}`)
      .set('Authorization', t.secretAuth)
      .expect(200);
    expect(status.body).toMatchObject({
      status: 'pending',
      profiles_affected: null,
      message: 'Queued: the worker will run it shortly.',
    });
  });
});

describe('GET /privacy-requests/{id}', () => {
  it("answers another tenant's request like an unknown one: 404", async () => {
    const mine = await privacyRequest(t, { type: 'suppress', identifiers: [email] }).expect(202);
    const other = await createTestTenant(t.testDb.db, { tenantName: 'other' });
    const theirs = `Bearer ${other.secretKey.key}`;
    const foreign = await request(t.app)
      .get(`${PRIVACY}/${mine.body.request_id}`)
      .set('Authorization', theirs)
      .expect(404);
    const unknown = await request(t.app)
      .get(`${PRIVACY}/00000000-0000-4000-8000-000000000000`)
      .set('Authorization', theirs)
      .expect(404);
    expect(foreign.body.detail).toBe(unknown.body.detail);
    await request(t.app).get(`${PRIVACY}/not-a-uuid`).set('Authorization', theirs).expect(400);
  });
});
