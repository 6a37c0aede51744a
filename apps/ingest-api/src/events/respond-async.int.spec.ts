import { sql } from 'kysely';
import request from 'supertest';
import { createTestLogger } from '@stratum/http/testing';
import { sha256Hex } from '@stratum/identity';
import {
  createRejectedEventsLog,
  createTenantSettingsReader,
  resolveInbox,
} from '@stratum/ingestion';
import type { InboxShare } from '@stratum/ingestion';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';
import { refuseMarkedEvents, suppressEmail } from '../testing/database-fixtures';

let t: IngestTestApp;
const { logger, lines } = createTestLogger('info');
let tenantId: string;
const SECRET = 'refused-secret-4711';

beforeAll(async () => {
  t = await createIngestTestApp();
  tenantId = t.tenant.tenant.tenantId;
  await suppressEmail(t.testDb.db, tenantId, 'quiet@example.com');
  // Found only when the resolver stores the event (see refused-by-database.int.spec.ts).
  await refuseMarkedEvents(t.testDb.db);
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.testDb.db.deleteFrom('cdp_inbox').execute();
});

const sendAsync = (body: object, prefer = 'respond-async') =>
  request(t.app)
    .post('/api/v1/cdp/events')
    .set('Authorization', t.writeAuth)
    .set('Prefer', prefer)
    .send(body);

const resolveAll = (share: InboxShare = { resolver: 0, resolvers: 1 }, limit = 1000) =>
  resolveInbox(
    {
      db: t.testDb.db,
      getTenantSettings: createTenantSettingsReader(t.testDb.db, 0),
      rejectedLog: createRejectedEventsLog(t.testDb.db, logger, t.metrics),
    },
    share,
    limit,
  );

const inboxCount = async () =>
  Number(
    (
      await t.testDb.db
        .selectFrom('cdp_inbox')
        .select(sql<string>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const storedChanges = () =>
  t.testDb.db
    .selectFrom('cdp_changes')
    .select(['change_id', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'event.stored')
    .orderBy('change_id')
    .execute();

async function storedProfileOf(eventId: string): Promise<string | undefined> {
  const row = await t.testDb.db
    .selectFrom('cdp_events')
    .select('profile_id')
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row?.profile_id;
}

describe('POST /events with Prefer: respond-async', () => {
  it('answers 202 once the valid events are in the inbox, hashed; resolves nothing yet', async () => {
    const events = [
      trackEvent({ identifiers: [{ type: 'email', value: ' Ann@Example.com ' }] }),
      trackEvent({ identifiers: [{ type: 'fax', value: '1' }] }),
      trackEvent({
        identifiers: [
          { type: 'email', value: 'null' },
          { type: 'phone', value: '+14155550100' },
        ],
      }),
    ];
    const res = await sendAsync({ events }, 'wait=5, Respond-Async');
    expect(res.status).toBe(202);
    expect(res.headers['preference-applied']).toBe('respond-async');
    expect(res.headers['vary']).toMatch(/Prefer/);
    expect(res.body).toMatchObject({ queued: 2, rejected: 1 });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'queued',
      'rejected',
      'queued',
    ]);
    expect(res.body.results[2].warnings).toEqual([
      expect.objectContaining({ path: 'identifiers.0' }),
    ]);
    expect(res.body.match_quality.score).toEqual(expect.any(Number));

    const rows = await t.testDb.db
      .selectFrom('cdp_inbox')
      .selectAll()
      .orderBy('inbox_id')
      .execute();
    expect(rows.map((r) => [r.event_index, r.lane, r.route])).toEqual([
      [0, Number.parseInt(sha256Hex('ann@example.com').slice(0, 2), 16), 'events'],
      [2, Number.parseInt(sha256Hex('+14155550100').slice(0, 2), 16), 'events'],
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/ann@example\.com/i);
    expect(text).not.toContain('4155550100"');
    expect(await storedProfileOf(events[0]!.event_id as string)).toBeUndefined();
  });

  it('without the preference answers 200 with profiles, as always', async () => {
    const res = await sendAsync(trackEvent(), 'handling=lenient');
    expect(res.status).toBe(200);
    expect(res.headers['preference-applied']).toBeUndefined();
    expect(res.body.results[0].profile_id).toEqual(expect.any(String));
    expect(await inboxCount()).toBe(0);
  });

  it('answers 400 naming the field when every event is invalid, and queues nothing', async () => {
    const res = await sendAsync(trackEvent({ type: 'purchase' }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('type');
    expect(await inboxCount()).toBe(0);
  });
});

describe('resolving the inbox', () => {
  it('stores the events as a synchronous request would, and empties the inbox', async () => {
    const email = { type: 'email', value: 'bea@example.com' };
    const first = trackEvent({ identifiers: [email] });
    const second = trackEvent({
      identifiers: [email, { type: 'external_id', value: 'crm-bea' }],
      traits: { plan: 'pro' },
    });
    await sendAsync({ events: [first, second] });
    const run = await resolveAll();
    expect(run).toMatchObject({ events: 2, stored: 2, duplicates: 0, backlog: false });
    expect(await inboxCount()).toBe(0);
    const profileId = await storedProfileOf(first.event_id as string);
    expect(profileId).toEqual(expect.any(String));
    expect(await storedProfileOf(second.event_id as string)).toBe(profileId);

    // The synchronous path finds the same profile: one resolution.
    const sync = await request(t.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', t.writeAuth)
      .send(trackEvent({ identifiers: [{ type: 'external_id', value: 'crm-bea' }] }));
    expect(sync.body.results[0].profile_id).toBe(profileId);
    const profile = await t.testDb.db
      .selectFrom('cdp_profiles')
      .select(['traits', 'event_count'])
      .where('profile_id', '=', profileId!)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ traits: { plan: 'pro' }, event_count: 3 });
  });

  it('stores an event sent twice once: the second is a duplicate', async () => {
    const event = trackEvent();
    await sendAsync(event);
    await sendAsync(event);
    expect(await resolveAll()).toMatchObject({ events: 2, stored: 1, duplicates: 1 });
    const rows = await t.testDb.db
      .selectFrom('cdp_events')
      .select('event_id')
      .where('event_id', '=', event.event_id as string)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('leaves out suppressed and refused events, logs them, and stores their neighbours', async () => {
    const quiet = trackEvent({ identifiers: [{ type: 'email', value: 'Quiet@Example.com' }] });
    const refused = trackEvent({ properties: { refuse: SECRET } });
    const fine = trackEvent();
    const res = await sendAsync({ events: [quiet, refused, fine] });
    expect(res.body).toMatchObject({ queued: 3, rejected: 0 });

    expect(await resolveAll()).toMatchObject({ events: 3, stored: 1, suppressed: 1, rejected: 1 });
    expect(await inboxCount()).toBe(0);
    expect(await storedProfileOf(fine.event_id as string)).toEqual(expect.any(String));
    expect(await storedProfileOf(quiet.event_id as string)).toBeUndefined();
    expect(await storedProfileOf(refused.event_id as string)).toBeUndefined();
    const logged = await t.testDb.db
      .selectFrom('cdp_rejected_events')
      .select(['event_id', 'event_index', 'reason', 'route', 'payload'])
      .where('event_id', 'in', [quiet.event_id as string, refused.event_id as string])
      .orderBy('event_index')
      .execute();
    expect(logged.map((r) => [r.event_index, r.reason, r.route])).toEqual([
      [0, 'suppressed', 'events'],
      [1, 'database_refused', 'events'],
    ]);
    expect(JSON.stringify(logged)).not.toMatch(/quiet@example\.com/i);
    expect(t.logs.text()).not.toContain(SECRET);
    expect(JSON.stringify(lines())).not.toContain(SECRET);
    // The suppressed event's dedupe key is given back: sent after an unsuppress, it is stored.
    const key = await t.testDb.db
      .selectFrom('cdp_event_dedupe')
      .select('event_id')
      .where('event_id', '=', quiet.event_id as string)
      .executeTakeFirst();
    expect(key).toBeUndefined();
  });

  it('deletes the rows of a request whose every event was refused', async () => {
    await sendAsync(trackEvent({ properties: { refuse: SECRET } }));
    expect(await resolveAll()).toMatchObject({ events: 1, stored: 0, rejected: 1 });
    expect(await inboxCount()).toBe(0);
  });

  it('splits the lanes between resolvers: each takes only its own', async () => {
    const events = Array.from({ length: 40 }, () => trackEvent());
    await sendAsync({ events });
    const lanes = await t.testDb.db.selectFrom('cdp_inbox').select('lane').execute();
    const even = lanes.filter((r) => r.lane % 2 === 0).length;
    expect(even).toBeGreaterThan(0);
    expect(even).toBeLessThan(40);

    expect((await resolveAll({ resolver: 0, resolvers: 2 })).events).toBe(even);
    const left = await t.testDb.db.selectFrom('cdp_inbox').select('lane').execute();
    expect(left).toHaveLength(40 - even);
    expect(left.every((r) => r.lane % 2 === 1)).toBe(true);
    expect((await resolveAll({ resolver: 1, resolvers: 2 })).events).toBe(40 - even);
    expect(await inboxCount()).toBe(0);
  });

  it('stores a large read in transactions of at most 1,000 events', async () => {
    for (let i = 0; i < 3; i++) {
      await sendAsync({ events: Array.from({ length: 500 }, () => trackEvent()) });
    }
    const changesBefore = await storedChanges();
    expect(await resolveAll({ resolver: 0, resolvers: 1 }, 2000)).toMatchObject({
      events: 1500,
      stored: 1500,
    });
    // One `event.stored` change per transaction: 1,000 events, then 500.
    const batches = (await storedChanges()).slice(changesBefore.length);
    expect(batches.map((c) => (c.data['events'] as unknown[]).length)).toEqual([1000, 500]);
  });

  it('reads at most its batch and says when more waits', async () => {
    await sendAsync({ events: Array.from({ length: 5 }, () => trackEvent()) });
    const run = await resolveInbox(
      {
        db: t.testDb.db,
        getTenantSettings: createTenantSettingsReader(t.testDb.db, 0),
        rejectedLog: createRejectedEventsLog(t.testDb.db, logger, t.metrics),
      },
      { resolver: 0, resolvers: 1 },
      3,
    );
    expect(run).toMatchObject({ events: 3, stored: 3, backlog: true });
    expect(await inboxCount()).toBe(2);
  });
});
