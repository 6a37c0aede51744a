import request from 'supertest';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';
import { refuseMarkedEvents } from '../testing/database-fixtures';

let t: IngestTestApp;
const SECRET = 'secret-value-4711';

// A trigger in this file's own database stands for whatever PostgreSQL may still refuse.
beforeAll(async () => {
  t = await createIngestTestApp();
  await refuseMarkedEvents(t.testDb.db);
});
afterAll(() => t.close());

const refused = () => trackEvent({ properties: { refuse: SECRET } });

function post(body: object) {
  return request(t.app).post('/api/v1/cdp/events').set('Authorization', t.writeAuth).send(body);
}

async function storedIds(events: Record<string, unknown>[]) {
  const ids = events.map((e) => e.event_id as string);
  const read = async (table: 'cdp_events' | 'cdp_event_dedupe') =>
    (await t.testDb.db.selectFrom(table).select('event_id').where('event_id', 'in', ids).execute())
      .map((r) => r.event_id)
      .sort();
  return { events: await read('cdp_events'), keys: await read('cdp_event_dedupe') };
}

describe('an event PostgreSQL refuses', () => {
  const issue = { path: '', message: 'holds a value the database cannot store (SQLSTATE 22023)' };

  it('sent alone: 400 naming the SQLSTATE, quoting nothing, nothing written', async () => {
    const event = refused();
    const res = await post(event);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([issue]);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(t.logs.text()).not.toContain(SECRET);
    expect(await storedIds([event])).toEqual({ events: [], keys: [] });
  });

  it('in a batch: that event is rejected, its neighbours stored', async () => {
    const events = [trackEvent(), refused(), trackEvent()];
    const res = await post({ events });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.body.results[1]).toEqual({
      index: 1,
      event_id: events[1]!.event_id,
      status: 'rejected',
      errors: [issue],
    });
    const stored = [events[0]!.event_id, events[2]!.event_id].sort();
    expect(await storedIds(events)).toEqual({ events: stored, keys: stored });
  });
});
