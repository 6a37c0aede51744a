import { sql } from 'kysely';
import request from 'supertest';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
const SECRET = 'secret-value-4711';

// Validation now refuses everything known that PostgreSQL would (NUL, lone surrogates,
// overflowing numbers, years out of range), so no request reaches the fallback by itself.
// A trigger in this file's own database stands for whatever PostgreSQL may still refuse: a
// data exception (class 22) whose message and detail quote the value, as the driver's do.
beforeAll(async () => {
  t = await createIngestTestApp();
  await sql`
    CREATE FUNCTION refuse_marked_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.properties ? 'refuse' THEN
        RAISE EXCEPTION 'cannot store %', NEW.properties->>'refuse'
          USING ERRCODE = '22023', DETAIL = NEW.properties->>'refuse';
      END IF;
      RETURN NEW;
    END $$`.execute(t.testDb.db);
  await sql`
    CREATE TRIGGER refuse_marked_event BEFORE INSERT ON cdp_events
    FOR EACH ROW EXECUTE FUNCTION refuse_marked_event()`.execute(t.testDb.db);
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
