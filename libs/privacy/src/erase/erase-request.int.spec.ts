import { sql } from 'kysely';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { findPrivacyRequest } from '../privacy-request.repository';
import { runPrivacyRequest } from '../run-privacy-request';
import { submitPrivacyRequest } from '../submit-privacy-request';
import { buildErasureWorld } from '../testing/erasure-world';
import type { ErasureWorld } from '../testing/erasure-world';
import { hashed } from '../testing';

let testDb: TestDatabase;
let world: ErasureWorld;
let requestId: string;

/** Rows of `table` in the tenant that name one of `profiles` in `column`. */
async function rowsNaming(table: string, column: string, profiles: string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.table(table)}
    WHERE tenant_id = ${world.tenantId} AND ${sql.ref(column)} = ANY(${profiles}::uuid[])`.execute(
    testDb.db,
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  world = await buildErasureWorld(testDb.db, tenantId);
  // Named by one identifier only: the request reaches the profile merged into Jane's too.
  const request = await submitPrivacyRequest(
    testDb.db,
    tenantId,
    'erase',
    [hashed('anonymous_id', 'anon-jane-1')],
    {
      queue: false,
    },
  );
  requestId = request.requestId;
  await runPrivacyRequest(testDb.db, tenantId, requestId);
}, 60_000);
afterAll(() => testDb.destroy());

describe('an erase request', () => {
  it('ends done, naming the two profiles and what it deleted', async () => {
    const request = await findPrivacyRequest(testDb.db, world.tenantId, requestId);
    expect(request).toMatchObject({
      status: 'done',
      profilesAffected: 2,
      progress: null,
      identifiers: [{ type: 'anonymous_id', hash: null }],
      counts: {
        identifiers_matched: 1,
        identifiers: 4,
        events: 5,
        other_events: 1,
        dedupe_keys: 5,
        consents: 2,
        segment_memberships: 1,
        segment_log: 1,
        deliveries: 2,
        rejected_events: 1,
        inbox_events: 1,
        refused_merges: 1,
        profiles: 2,
        access_documents: 1,
      },
    });
  });

  it.each([
    ['cdp_profiles', 'profile_id'],
    ['cdp_profile_identifiers', 'profile_id'],
    ['cdp_events', 'profile_id'],
    ['cdp_consents', 'profile_id'],
    ['cdp_segment_members', 'profile_id'],
    ['cdp_segment_membership_log', 'profile_id'],
    ['cdp_deliveries', 'profile_id'],
    ['cdp_profile_merges', 'merged_profile_id'],
    ['cdp_profile_merges', 'into_profile_id'],
    ['cdp_refused_merges', 'profile_a_id'],
    ['cdp_refused_merges', 'profile_b_id'],
  ])("leaves no row of %s naming Jane's profiles by %s, and Bob's", async (table, column) => {
    expect(await rowsNaming(table, column, world.jane)).toBe(0);
    // Her merges and the merge refused between them were Bob's only ones.
    if (!table.startsWith('cdp_profile_merges') && table !== 'cdp_refused_merges') {
      expect(await rowsNaming(table, column, [world.bob])).toBeGreaterThan(0);
    }
  });

  it('leaves in the change feed only profile.erased for her, and Bob as he was', async () => {
    const { rows } = await sql<{ kind: string; profile_id: string | null; data: unknown }>`
      SELECT kind, profile_id, data FROM cdp_changes WHERE tenant_id = ${world.tenantId}`.execute(
      testDb.db,
    );
    const aboutJane = rows.filter(
      (r) =>
        world.jane.includes(r.profile_id ?? '') ||
        world.jane.some((id) => JSON.stringify(r.data).includes(id)),
    );
    expect(aboutJane.map((r) => r.kind).sort()).toEqual(['profile.erased', 'profile.erased']);
    expect(aboutJane[0]!.data).toEqual({ request_id: requestId });
    expect(rows.some((r) => r.profile_id === world.bob)).toBe(true);
  });

  it("takes her hash out of the event stored on Bob's profile, and keeps the rest of it", async () => {
    const event = await testDb.db
      .selectFrom('cdp_events')
      .select(['profile_id', 'identifiers'])
      .where('tenant_id', '=', world.tenantId)
      .where('event_id', '=', 'bob-and-jane')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ profile_id: world.bob, identifiers: [world.bobHashes[0]] });
    const deliveries = await testDb.db
      .selectFrom('cdp_deliveries')
      .select('type')
      .where('tenant_id', '=', world.tenantId)
      .execute();
    expect(deliveries).toEqual([{ type: 'profile.updated' }]);
  });

  it('keeps the dedupe keys of events it did not erase, and the rejected events of others', async () => {
    const keys = await testDb.db
      .selectFrom('cdp_event_dedupe')
      .select('event_id')
      .where('tenant_id', '=', world.tenantId)
      .execute();
    expect(keys).toHaveLength(3);
    const rejected = await testDb.db
      .selectFrom('cdp_rejected_events')
      .select('event_id')
      .where('tenant_id', '=', world.tenantId)
      .execute();
    expect(rejected).toEqual([{ event_id: 'rejected-bob' }]);
  });

  it("drops her hashes from earlier requests and deletes her access document; Bob's suppression stays", async () => {
    const access = await findPrivacyRequest(testDb.db, world.tenantId, world.janeAccessId);
    expect(access?.identifiers).toEqual([{ type: 'phone', hash: null }]);
    const parts = await testDb.db
      .selectFrom('cdp_privacy_results')
      .select('part')
      .where('request_id', '=', world.janeAccessId)
      .execute();
    expect(parts).toEqual([]);
    const suppressions = await testDb.db
      .selectFrom('cdp_suppressions')
      .select('identifier_hash')
      .execute();
    expect(suppressions).toEqual([{ identifier_hash: world.bobHashes[0]!.hash }]);
  });

  it('is not run twice, and a second erasure of the same person finds nothing', async () => {
    expect(await runPrivacyRequest(testDb.db, world.tenantId, requestId)).toBeUndefined();
    const again = await submitPrivacyRequest(
      testDb.db,
      world.tenantId,
      'erase',
      [world.janeHashes[0]!],
      {
        queue: false,
      },
    );
    expect(await runPrivacyRequest(testDb.db, world.tenantId, again.requestId)).toMatchObject({
      status: 'done',
      profilesAffected: 0,
      identifiers: [{ type: 'email', hash: null }],
    });
  });
});
