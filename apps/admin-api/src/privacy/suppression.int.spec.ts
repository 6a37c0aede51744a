import request from 'supertest';
import { sha256Hex } from '@stratum/identity';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { createIngestApp, trackEvent } from '../testing/ingest-app';
import type { IngestUnderTest } from '../testing/ingest-app';
import { PRIVACY, privacyRequest } from '../testing/privacy-requests';

let t: AdminTestApp;
let ingest: IngestUnderTest;

beforeAll(async () => {
  t = await createAdminTestApp();
  ingest = createIngestApp(t.testDb.db);
});
afterAll(async () => {
  await ingest.close();
  await t.close();
});

const ingestOne = async (identifiers: object[]) =>
  (
    await request(ingest.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', t.writeAuth)
      .send(trackEvent({ identifiers }))
      .expect(200)
  ).body as { accepted: number; results: { status: string }[] };

describe('suppress and unsuppress', () => {
  it('stop storing events that carry the identifier at once, and start again when lifted', async () => {
    const email = { type: 'email', value: 'Sam@Example.com' };
    expect((await ingestOne([email])).accepted).toBe(1);

    const suppressed = await privacyRequest(t, { type: 'suppress', identifiers: [email] });
    expect(suppressed.status).toBe(202);
    expect(suppressed.body).toEqual({ request_id: expect.any(String), status: 'done' });
    expect((await ingestOne([email])).results[0]?.status).toBe('suppressed');

    const status = await request(t.app)
      .get(`${PRIVACY}/${suppressed.body.request_id}`)
      .set('Authorization', t.secretAuth)
      .expect(200);
    expect(status.body).toMatchObject({
      type: 'suppress',
      status: 'done',
      identifiers: [{ type: 'email', hash: sha256Hex('sam@example.com') }],
      profiles_affected: 1,
      counts: { identifiers_matched: 1, suppressions_added: 1 },
      error: null,
    });
    expect(status.body.message).toContain('1 identifier newly suppressed');

    const lifted = await privacyRequest(t, {
      type: 'unsuppress',
      identifiers: [{ type: 'email', hash: sha256Hex('sam@example.com') }],
    });
    expect(lifted.body.status).toBe('done');
    expect((await ingestOne([email])).results[0]?.status).toBe('accepted');
  });

  it('suppresses an identifier no profile holds yet, and says so', async () => {
    const phone = { type: 'phone', value: '+44 20 7946 0999' };
    const res = await privacyRequest(t, { type: 'suppress', identifiers: [phone, phone] });
    const status = await request(t.app)
      .get(`${PRIVACY}/${res.body.request_id}`)
      .set('Authorization', t.secretAuth)
      .expect(200);
    expect(status.body).toMatchObject({
      identifiers: [{ type: 'phone', hash: sha256Hex('+442079460999') }],
      profiles_affected: 0,
      counts: { identifiers_matched: 0, suppressions_added: 1 },
    });
    expect(status.body.message).toMatch(/^No profile holds any of these identifiers/);
    expect((await ingestOne([phone])).results[0]?.status).toBe('suppressed');

    const again = await privacyRequest(t, { type: 'suppress', identifiers: [phone] });
    const second = await request(t.app)
      .get(`${PRIVACY}/${again.body.request_id}`)
      .set('Authorization', t.secretAuth);
    expect(second.body.counts).toEqual({ identifiers_matched: 0, suppressions_added: 0 });
  });

  it('keeps no raw value: the audit holds hashes only', async () => {
    await privacyRequest(t, {
      type: 'suppress',
      identifiers: [{ type: 'external_id', value: 'crm-secret-4242' }],
    });
    const rows = await t.testDb.db.selectFrom('cdp_privacy_requests').selectAll().execute();
    const suppressions = await t.testDb.db.selectFrom('cdp_suppressions').selectAll().execute();
    const text = JSON.stringify([rows, suppressions]) + t.logs.text();
    expect(text).toContain(sha256Hex('crm-secret-4242'));
    expect(text).not.toContain('crm-secret-4242');
    expect(text).not.toMatch(/sam@example/i);
  });
});
