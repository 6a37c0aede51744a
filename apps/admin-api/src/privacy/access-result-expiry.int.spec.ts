import request from 'supertest';
import { runRetention } from '@stratum/db';
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
    { identifiers: [{ type: 'email', value: 'grace@example.com' }], name: 'Signed Up' },
  ]);
});
afterAll(() => t.close());

const get = (path: string) => request(t.app).get(path).set('Authorization', t.secretAuth);

/** A done access request about grace, finished `daysAgo` days ago. */
async function doneAccessRequest(daysAgo: number): Promise<string> {
  const submitted = await privacyRequest(t, {
    type: 'access',
    identifiers: [{ type: 'email', value: 'grace@example.com' }],
  }).expect(202);
  const id = submitted.body.request_id as string;
  await runPrivacyRequest(t.testDb.db, tenantId, id);
  await t.testDb.db
    .updateTable('cdp_privacy_requests')
    .set({ finished_at: new Date(Date.now() - daysAgo * 86_400_000) })
    .where('request_id', '=', id)
    .execute();
  return id;
}

describe('an access document past its retention', () => {
  it('is deleted by the retention run; its result is a 410 saying when, the request stays', async () => {
    const expired = await doneAccessRequest(31);
    const kept = await doneAccessRequest(29);
    await get(`${PRIVACY}/${expired}/result`).expect(200);

    const result = await runRetention(t.testDb.db, { accessResultDays: 30 });
    expect(result.expiredAccessResults).toBe(1);

    const gone = await get(`${PRIVACY}/${expired}/result`).expect(410);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(gone.headers['content-disposition']).toBeUndefined();
    const status = await get(`${PRIVACY}/${expired}`).expect(200);
    const expiredAt = status.body.result_expired_at as string;
    expect(new Date(expiredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(gone.body).toMatchObject({
      type: 'https://stratum-cdp.dev/problems/gone',
      status: 410,
      title: 'Gone',
      detail: expect.stringContaining(`expired on ${expiredAt}`),
    });
    expect(status.body).toMatchObject({
      status: 'done',
      profiles_affected: 1,
      counts: expect.objectContaining({ events: 1 }),
      message: `The document expired on ${expiredAt} and was deleted: submit a new access request.`,
    });
    const rows = await t.testDb.db
      .selectFrom('cdp_privacy_results')
      .select('part')
      .where('request_id', '=', expired)
      .execute();
    expect(rows).toEqual([]);

    // The younger document is still there, and its request is not marked.
    await get(`${PRIVACY}/${kept}/result`).expect(200);
    expect((await get(`${PRIVACY}/${kept}`).expect(200)).body.result_expired_at).toBeNull();
  });
});
