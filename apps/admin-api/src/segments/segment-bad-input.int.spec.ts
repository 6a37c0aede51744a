import request from 'supertest';
import { sql } from 'kysely';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { SEGMENTS, createSegmentThroughApi, segmentTableCounts } from '../testing/segment-requests';

const PRO = { trait: 'plan', op: 'eq', value: 'pro' };

/** A trait condition inside `depth` nested `not` groups. */
function nested(depth: number): unknown {
  let node: unknown = PRO;
  for (let i = 0; i < depth; i++) node = { not: node };
  return node;
}

const ONE_OF_OPS = 'must be one of eq, neq, gt, gte, lt, lte, contains, in, exists';

// Each bad definition, and the one issue it must be answered with (path inside the body).
const BAD_DEFINITIONS: [string, unknown, { path: string; message: string | RegExp }][] = [
  ['missing', undefined, { path: 'definition', message: 'is required' }],
  ['not an object', 'plan = pro', { path: 'definition', message: 'must be an object' }],
  [
    'no group or condition',
    { everything: true },
    { path: 'definition', message: /^must be a group \(all, any, not\) or a condition/ },
  ],
  [
    'malformed: an op missing',
    { all: [{ trait: 'plan', value: 'pro' }] },
    { path: 'definition.all.0.op', message: 'is required' },
  ],
  [
    'too deep: groups 6 levels deep',
    { all: [nested(5)] },
    { path: 'definition.all.0.not.not.not.not', message: 'nests groups more than 5 deep' },
  ],
  [
    'too large: 101 conditions',
    { any: Array.from({ length: 101 }, () => ({ identifier: 'email' })) },
    {
      path: 'definition.any.100',
      message: 'is past the limit of 100 conditions in one definition',
    },
  ],
  [
    'an unknown operator',
    { all: [{ trait: 'plan', op: 'like', value: 'pro%' }] },
    { path: 'definition.all.0.op', message: ONE_OF_OPS },
  ],
  [
    'an unknown operator in a property filter',
    { event: 'Order Completed', where: [{ property: 'revenue', op: 'between', value: 1 }] },
    { path: 'definition.where.0.op', message: ONE_OF_OPS },
  ],
  [
    'incompatible types: a word compared with gt',
    { all: [PRO, { trait: 'ltv', op: 'gt', value: 'ten' }] },
    { path: 'definition.all.1.value', message: /^must be a number or an ISO 8601 date/ },
  ],
  [
    'incompatible types: a number to contains',
    { trait: 'tags', op: 'contains', value: 3 },
    { path: 'definition.value', message: 'must be a string' },
  ],
  [
    'incompatible types: an object to eq',
    { any: [{ trait: 'plan', op: 'eq', value: { pro: true } }] },
    { path: 'definition.any.0.value', message: 'must be a string, a number or a boolean' },
  ],
  [
    'an unknown grammar version',
    { schema: 2, ...PRO },
    { path: 'definition.schema', message: 'must be 1 (the version of the grammar)' },
  ],
];

let t: AdminTestApp;
let kept: { segment_id: string };

beforeAll(async () => {
  t = await createAdminTestApp();
  kept = (await createSegmentThroughApi(t, { name: 'Kept', definition: PRO })).body;
}, 60_000);

afterAll(() => t.close());

const post = (path: string, body: unknown) =>
  request(t.app)
    .post(path)
    .set('Authorization', t.secretAuth)
    .send(body as object);
const put = (body: unknown) =>
  request(t.app)
    .put(`${SEGMENTS}/${kept.segment_id}`)
    .set('Authorization', t.secretAuth)
    .send(body as object);

// Each route is answered 400 problem+json with exactly the expected issue, and nothing moves.
function expectRefused(res: request.Response, issue: { path: string; message: unknown }) {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const message =
    issue.message instanceof RegExp ? expect.stringMatching(issue.message) : issue.message;
  expect(res.body.errors).toEqual([{ path: issue.path, message }]);
}

describe('a bad definition', () => {
  it.each(BAD_DEFINITIONS)(
    '%s: 400 on create, update and preview',
    async (_label, definition, issue) => {
      const before = await segmentTableCounts(t.testDb.db);
      expectRefused(await post(SEGMENTS, { name: 'Bad', definition }), issue);
      expectRefused(await put({ definition }), issue);
      expectRefused(await post(`${SEGMENTS}/preview`, { definition }), issue);
      expect(await segmentTableCounts(t.testDb.db)).toEqual(before);
    },
  );

  it('leaves the segment at its version after a refused update', async () => {
    await put({ name: 'Renamed', definition: { all: [] } }).expect(400);
    const res = await request(t.app)
      .get(`${SEGMENTS}/${kept.segment_id}`)
      .set('Authorization', t.secretAuth)
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Kept', version: 1 });
  });

  it('reports every problem at once', async () => {
    const res = await post(SEGMENTS, {
      name: '',
      definition: { all: [{ trait: 'plan', op: 'like', value: 'x' }, { consent: 'marketing' }] },
    }).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'definition.all.0.op',
      'definition.all.1.status',
      'name',
    ]);
  });
});

describe('a bad body', () => {
  it.each<[string, unknown, { path: string; message: string }]>([
    [
      'an empty name',
      { name: '  ', definition: PRO },
      { path: 'name', message: 'must be 1 to 200 characters' },
    ],
    [
      'a long name',
      { name: 'x'.repeat(201), definition: PRO },
      { path: 'name', message: 'must be 1 to 200 characters' },
    ],
    [
      'a name that is no string',
      { name: 7, definition: PRO },
      { path: 'name', message: 'must be a string' },
    ],
    ['no name', { definition: PRO }, { path: 'name', message: 'is required' }],
    [
      'a NUL in the name',
      { name: 'a\u0000b', definition: PRO },
      { path: 'name', message: expect.stringContaining('NUL') },
    ],
    [
      'an unknown field',
      { name: 'X', definition: PRO, defintion: PRO },
      { path: '', message: 'must have no fields but name and definition' },
    ],
    ['an array', [{ name: 'X', definition: PRO }], { path: '', message: 'must be a JSON object' }],
  ])('%s: 400 naming the field', async (_label, body, issue) => {
    const before = await segmentTableCounts(t.testDb.db);
    expectRefused(await post(SEGMENTS, body), issue);
    expect(await segmentTableCounts(t.testDb.db)).toEqual(before);
  });

  it('malformed JSON: 400, and a body that is not JSON: 415', async () => {
    const broken = await request(t.app)
      .post(SEGMENTS)
      .set('Authorization', t.secretAuth)
      .set('Content-Type', 'application/json')
      .send('{"name": "X", "definition": {');
    expect(broken.status).toBe(400);
    expect(broken.body.type).toBe('https://stratum-cdp.dev/problems/malformed-json');
    await request(t.app)
      .post(SEGMENTS)
      .set('Authorization', t.secretAuth)
      .set('Content-Type', 'text/plain')
      .send('name=X')
      .expect(415);
  });
});

describe('a failure in the middle of a write', () => {
  beforeAll(async () => {
    // The database refuses the version row of a segment named 'Explode': the segment row
    // written just before it in the same transaction must not survive.
    await sql`
      CREATE FUNCTION test_refuse_explode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = 'Explode' THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$`.execute(t.testDb.db);
    await sql`
      CREATE TRIGGER test_refuse_explode BEFORE INSERT ON cdp_segment_versions
      FOR EACH ROW EXECUTE FUNCTION test_refuse_explode()`.execute(t.testDb.db);
  });

  it('leaves nothing behind on create or update', async () => {
    const before = await segmentTableCounts(t.testDb.db);
    const created = await post(SEGMENTS, { name: 'Explode', definition: PRO });
    expect(created.status).toBe(500);
    expect(JSON.stringify(created.body)).not.toContain('refused by the test');
    await put({ name: 'Explode', definition: { trait: 'plan', op: 'exists' } }).expect(500);
    expect(await segmentTableCounts(t.testDb.db)).toEqual(before);
    const res = await request(t.app)
      .get(`${SEGMENTS}/${kept.segment_id}`)
      .set('Authorization', t.secretAuth)
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Kept', version: 1, definition: { schema: 1, ...PRO } });
  });
});
