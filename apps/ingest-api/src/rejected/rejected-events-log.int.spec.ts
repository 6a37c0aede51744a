import { sql } from 'kysely';
import request from 'supertest';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

// The write side of the rejected-events log; the admin API's tests read it back.
let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(async () => {
  await t.close();
});

const postEvents = (body: unknown, auth = t.writeAuth) =>
  request(t.app)
    .post('/api/v1/cdp/events')
    .set('Authorization', auth)
    .send(body as object);

describe('the rejected-events log', () => {
  it('counts rejections by reason in /metrics', async () => {
    const metric = async () => {
      const text = await t.metrics.registry.metrics();
      const match = /cdp_events_rejected_total\{reason="invalid_field"\} (\d+)/.exec(text);
      return Number(match?.[1]);
    };
    const before = await metric();
    await postEvents({
      events: [trackEvent(), trackEvent({ type: 'fly' }), trackEvent({ type: 'x' })],
    });
    expect(await metric()).toBe(before + 2);
  });

  it('still answers the accepted events when the log cannot be written', async () => {
    await sql`ALTER TABLE cdp_rejected_events RENAME TO cdp_rejected_events_away`.execute(
      t.testDb.db,
    );
    try {
      const res = await postEvents({ events: [trackEvent(), trackEvent({ type: 'fly' })] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accepted: 1, rejected: 1 });
      expect(JSON.stringify(t.logs.lines())).toContain('rejected events not logged');
    } finally {
      await sql`ALTER TABLE cdp_rejected_events_away RENAME TO cdp_rejected_events`.execute(
        t.testDb.db,
      );
    }
  });
});
