import request from 'supertest';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { createIngestApp, trackEvent } from '../testing/ingest-app';
import type { IngestUnderTest } from '../testing/ingest-app';

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

interface IngestResult {
  status: string;
  profile_id: string;
  resolution?: string;
  warnings?: { message: string }[];
}

const send = async (identifiers: object[]): Promise<IngestResult> =>
  (
    (
      await request(ingest.app)
        .post('/api/v1/cdp/events')
        .set('Authorization', t.writeAuth)
        .send(trackEvent({ identifiers }))
        .expect(200)
    ).body as { results: IngestResult[] }
  ).results[0]!;

const split = (profileId: string, body: unknown, auth = t.secretAuth) =>
  request(t.app)
    .post(`/api/v1/cdp/profiles/${profileId}/split`)
    .set('Authorization', auth)
    .send(body as object);

let counter = 0;

/** Two people merged by one event carrying both; the id of that merge. */
async function merged() {
  counter += 1;
  const ann = { type: 'email', value: `ann${counter}@example.com` };
  const bob = { type: 'phone', value: `+1415555${String(counter).padStart(4, '0')}` };
  const a = (await send([ann])).profile_id;
  const b = (await send([bob])).profile_id;
  expect((await send([ann, bob])).profile_id).toBe(a);
  const merge = await t.testDb.db
    .selectFrom('cdp_profile_merges')
    .select('merge_id')
    .where('merged_profile_id', '=', b)
    .executeTakeFirstOrThrow();
  return { ann, bob, a, b, mergeId: merge.merge_id };
}

describe('POST /api/v1/cdp/profiles/{id}/split', () => {
  it('restores the merged profile, and later events of each go to their own', async () => {
    const m = await merged();
    await send([m.bob]);

    const res = await split(m.a, { merge_id: m.mergeId }).expect(200);

    expect(res.body).toEqual({
      profile_id: m.a,
      restored_profile_id: m.b,
      identifiers_moved: 1,
      events_moved: 1,
    });
    expect((await send([m.bob])).profile_id).toBe(m.b);
    expect((await send([m.ann])).profile_id).toBe(m.a);
    const both = await send([m.ann, m.bob]);
    expect(both.profile_id).toBe(m.a);
    expect(JSON.stringify(both)).toContain('a split keeps them apart');
  });

  it('answers 404 alike for a merge of another profile, an unknown merge and one already split', async () => {
    const m = await merged();
    const other = await merged();
    for (const [profileId, mergeId] of [
      [m.a, other.mergeId],
      [m.b, m.mergeId],
      [m.a, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await split(profileId, { merge_id: mergeId }).expect(404);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.detail).toBe('This profile has no merge with this id');
    }
    await split(m.a, { merge_id: m.mergeId }).expect(200);
    await split(m.a, { merge_id: m.mergeId }).expect(404);
  });

  it('answers 400 naming the field for a bad body or id, and changes nothing', async () => {
    const m = await merged();
    const missing = await split(m.a, {}).expect(400);
    expect(missing.body.errors).toEqual([{ path: 'merge_id', message: 'is required' }]);
    const malformed = await split(m.a, { merge_id: 'not-a-uuid' }).expect(400);
    expect(malformed.body.errors).toEqual([{ path: 'merge_id', message: 'must be a UUID' }]);
    await split('nope', { merge_id: m.mergeId }).expect(400);
    expect((await send([m.bob])).profile_id).toBe(m.a);
  });

  it('needs the profiles:write scope', async () => {
    const m = await merged();
    await split(m.a, { merge_id: m.mergeId }, t.writeAuth).expect(403);
    expect((await send([m.bob])).profile_id).toBe(m.a);
  });
});
