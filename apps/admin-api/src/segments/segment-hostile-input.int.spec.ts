import request from 'supertest';
import { sql } from 'kysely';
import { ingestEvents } from '@stratum/segments/testing';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { SEGMENTS, createSegmentThroughApi } from '../testing/segment-requests';

// Text that would break out of, or change, SQL, LIKE patterns, jsonpath or array literals if
// it were ever pasted into query text instead of being sent as a parameter.
const HOSTILE = [
  "'); DROP TABLE cdp_profiles; --",
  "' OR '1'='1",
  '"; DROP TABLE cdp_events; --',
  "x'; DELETE FROM cdp_segments WHERE 'a'='a",
  'back\\slash\\',
  '$1',
  '$$ select 1 $$',
  '{a,b}',
  '*/ select pg_sleep(1) /*',
  "E'\\x27'",
  '%',
  '_',
  '$[*] ? (@ like_regex "x")',
] as const;

let t: AdminTestApp;
let tenantId: string;

beforeAll(async () => {
  t = await createAdminTestApp();
  tenantId = t.tenant.tenant.tenantId;
}, 60_000);

afterAll(() => t.close());

const preview = (definition: unknown) =>
  request(t.app)
    .post(`${SEGMENTS}/preview`)
    .set('Authorization', t.secretAuth)
    .send({ definition })
    .expect(200);

async function rowCounts(): Promise<{ profiles: number; events: number; tables: number }> {
  const { rows } = await sql<{ profiles: number; events: number; tables: number }>`
    select
      (select count(*)::int from cdp_profiles where tenant_id = ${tenantId}) as profiles,
      (select count(*)::int from cdp_events where tenant_id = ${tenantId}) as events,
      (select count(*)::int from pg_tables
        where tablename in ('cdp_profiles', 'cdp_events', 'cdp_segments')) as tables`.execute(
    t.testDb.db,
  );
  return rows[0]!;
}

describe('hostile text in a segment, through the API', () => {
  it.each(HOSTILE.map((text, index) => [text, index] as const))(
    '%j is stored and matched as plain data',
    async (text, index) => {
      // The target holds the text as a trait key and value, an event name, a property name
      // and value; the decoy a near miss of each value; the bystander none of the values.
      const holder = (role: string, value: string) => ({
        identifiers: [{ type: 'email' as const, value: `${role}-${index}@example.com` }],
        occurredAt: new Date(),
        name: value,
        traits: { [text]: value, nested: { [text]: [value] } },
        properties: { [text]: value },
      });
      const [target, decoy] = await ingestEvents(t.testDb.db, tenantId, [
        holder('target', text),
        holder('decoy', `${text}x`),
        holder('bystander', 'plain'),
      ]);
      const before = await rowCounts();
      const definition = {
        all: [
          { trait: text, op: 'eq', value: text },
          { trait: text, op: 'in', value: [text] },
          { trait: `nested.${text}`, op: 'contains', value: text },
          { event: text, where: [{ property: text, op: 'eq', value: text }] },
        ],
      };

      const created = await createSegmentThroughApi(t, { name: text, definition });
      expect(created.body).toMatchObject({ name: text, definition: { schema: 1, ...definition } });
      const stored = await t.testDb.db
        .selectFrom('cdp_segments')
        .select(['name', 'definition'])
        .where('segment_id', '=', created.body.segment_id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ name: text, definition: { schema: 1, ...definition } });

      const got = await request(t.app)
        .get(`${SEGMENTS}/${created.body.segment_id}`)
        .set('Authorization', t.secretAuth)
        .expect(200);
      expect(got.body.member_count).toBe(1);
      expect((await preview(definition)).body).toEqual({ count: 1, sample: [target] });
      // A substring, never a pattern: `%` and `_` match only themselves.
      const contains = await preview({ trait: text, op: 'contains', value: text });
      expect(contains.body).toEqual({ count: 2, sample: [target, decoy].sort() });

      expect(await rowCounts()).toEqual(before);
      expect(before.tables).toBe(3);
    },
  );

  it('refuses hostile text as a segment id before any query', async () => {
    const res = await request(t.app)
      .get(`${SEGMENTS}/${encodeURIComponent("1' OR '1'='1")}`)
      .set('Authorization', t.secretAuth)
      .expect(400);
    expect(res.body.errors).toEqual([{ path: 'id', message: 'must be a UUID' }]);
  });

  it('lists every segment under its name as given', async () => {
    const res = await request(t.app).get(SEGMENTS).set('Authorization', t.secretAuth).expect(200);
    expect((res.body.segments as { name: string }[]).map((s) => s.name)).toEqual([...HOSTILE]);
  });
});
