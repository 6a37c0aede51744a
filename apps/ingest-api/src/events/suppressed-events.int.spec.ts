import { createTestTenant } from '@stratum/db/testing';
import { sha256Hex } from '@stratum/identity';
import request from 'supertest';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';
import { suppressEmail } from '../testing/database-fixtures';

let t: IngestTestApp;
let tenantId: string;

beforeAll(async () => {
  t = await createIngestTestApp();
  tenantId = t.tenant.tenant.tenantId;
  await suppressEmail(t.testDb.db, tenantId, 'quiet@example.com');
});
afterAll(() => t.close());

const quiet = { type: 'email', value: ' Quiet@Example.com ' };
const send = (body: unknown) =>
  request(t.app)
    .post('/api/v1/cdp/events')
    .set('Authorization', t.writeAuth)
    .send(body as object);

async function storedEventIds(): Promise<string[]> {
  const rows = await t.testDb.db
    .selectFrom('cdp_events')
    .select('event_id')
    .where('tenant_id', '=', tenantId)
    .execute();
  return rows.map((r) => r.event_id);
}

describe('events carrying a suppressed identifier', () => {
  it('are answered suppressed, one by one, and only they are left out', async () => {
    const kept = trackEvent();
    const byValue = trackEvent({ identifiers: [{ type: 'phone', value: '+14155550111' }, quiet] });
    const byHash = trackEvent({
      identifiers: [{ type: 'email', hash: sha256Hex('quiet@example.com') }],
    });
    const res = await send({ events: [kept, byValue, byHash] }).expect(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0, suppressed: 2 });
    expect(res.body.results).toEqual([
      expect.objectContaining({ index: 0, status: 'accepted' }),
      { index: 1, event_id: byValue['event_id'], status: 'suppressed' },
      { index: 2, event_id: byHash['event_id'], status: 'suppressed' },
    ]);
    expect(await storedEventIds()).toEqual([kept['event_id']]);
    // Nothing of the suppressed events reached a profile: the phone is linked to none.
    const phone = await t.testDb.db
      .selectFrom('cdp_profile_identifiers')
      .select('profile_id')
      .where('identifier_hash', '=', sha256Hex('+14155550111'))
      .execute();
    expect(phone).toEqual([]);
  });

  it('answer 200 when every event is suppressed, and claim no dedupe key', async () => {
    const event = trackEvent({ identifiers: [quiet] });
    const res = await send(event).expect(200);
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 0, rejected: 0, suppressed: 1 });
    const keys = await t.testDb.db
      .selectFrom('cdp_event_dedupe')
      .select('event_id')
      .where('event_id', '=', event['event_id'] as string)
      .execute();
    expect(keys).toEqual([]);
    // Sent again, it is suppressed again, not a duplicate.
    expect((await send(event).expect(200)).body.results[0].status).toBe('suppressed');
  });

  it('are logged in the rejected-events log as suppressed, with hashes only', async () => {
    const event = trackEvent({ event_id: 'logged-suppressed', identifiers: [quiet] });
    await send(event).expect(200);
    const row = await t.testDb.db
      .selectFrom('cdp_rejected_events')
      .selectAll()
      .where('event_id', '=', 'logged-suppressed')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ reason: 'suppressed', route: 'events', event_index: 0 });
    expect(JSON.stringify(row.payload)).toContain(sha256Hex('quiet@example.com'));
    expect(JSON.stringify(row)).not.toMatch(/quiet@example/i);
  });

  it('are counted in /metrics', async () => {
    const text = await t.metrics.registry.metrics();
    expect(text).toMatch(/cdp_events_total\{status="suppressed"\} [1-9]/);
    expect(text).toMatch(/cdp_events_rejected_total\{reason="suppressed"\} [1-9]/);
  });

  it('leave another tenant alone: the suppression is per tenant', async () => {
    const other = await createTestTenant(t.testDb.db, { tenantName: 'other' });
    const res = await request(t.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', `Bearer ${other.writeKey.key}`)
      .send(trackEvent({ identifiers: [quiet] }))
      .expect(200);
    expect(res.body).toMatchObject({ accepted: 1 });
    expect(res.body.suppressed).toBeUndefined();
  });
});
