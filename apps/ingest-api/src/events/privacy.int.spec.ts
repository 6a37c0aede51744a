import { sql } from 'kysely';
import request from 'supertest';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(() => t.close());

const RAW = [
  'Private.Person@Example.org',
  'private.person@example.org',
  '+1 415 555 0177',
  '+14155550177',
  'crm-secret-991',
  'device-secret-5',
];

describe('no raw identifier anywhere', () => {
  it('stores and logs only hashes of the identifiers it receives', async () => {
    const identifiers = [
      { type: 'email', value: RAW[0] },
      { type: 'phone', value: RAW[2] },
      { type: 'external_id', value: RAW[4] },
      { type: 'device_id', value: RAW[5] },
    ];
    const ok = await request(t.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', t.writeAuth)
      .send(trackEvent({ identifiers }));
    expect(ok.body.accepted).toBe(1);
    await request(t.app)
      .post('/api/v1/cdp/consents')
      .set('Authorization', t.secretAuth)
      .send({ identifiers, consents: [{ purpose: 'marketing', status: 'granted' }] });
    // a rejected request must not leak the value either
    await request(t.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', t.writeAuth)
      .send(trackEvent({ identifiers: [{ type: 'email', value: `${RAW[4]}@@` }] }));

    const { rows: tables } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name LIKE 'cdp_%' AND table_type = 'BASE TABLE'`.execute(
      t.testDb.db,
    );
    expect(tables.length).toBeGreaterThan(5);
    let dump = '';
    for (const { table_name } of tables) {
      const { rows } = await sql<{
        row: string;
      }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(t.testDb.db);
      dump += rows.map((r) => r.row).join('\n');
    }
    expect(dump.length).toBeGreaterThan(0);
    const logs = t.logs.text();
    expect(logs.length).toBeGreaterThan(0);
    for (const value of RAW) {
      expect(dump).not.toContain(value);
      expect(logs).not.toContain(value);
    }
  });
});
