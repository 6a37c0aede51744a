import { sql } from 'kysely';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { HashedIdentifier } from '../planner/resolution.types';
import { device, email, ingest, mergeIdOf, ownerOf, phone } from '../testing/split-world';
import { splitMerge } from './split-merge';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase({ poolMax: 12 });
});
afterAll(() => testDb.destroy());

const ROUNDS = 8;
const BATCHES = 6;

/** The live profile an identifier leads to (its link, followed to the survivor). */
async function rootOf(tenantId: string, identifier: HashedIdentifier) {
  const owner = await ownerOf(testDb.db, tenantId, identifier);
  const row = await testDb.db
    .selectFrom('cdp_profiles')
    .select((eb) => eb.fn.coalesce('merged_into', 'profile_id').as('root'))
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', owner!)
    .executeTakeFirstOrThrow();
  return row.root;
}

describe('splitMerge racing ingestion of the same identifiers', () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i))(
    'round %i leaves every identifier on one live profile and the pair apart',
    async (round) => {
      const { tenantId } = (await createTestTenant(testDb.db)).tenant;
      const ann = email(`ann-${round}@example.com`);
      const bob = phone(`+1415555${String(round).padStart(4, '0')}`);
      await ingest(testDb.db, tenantId, [{ identifiers: [ann] }]);
      const b = (await ingest(testDb.db, tenantId, [{ identifiers: [bob] }])).assignments[0]!
        .profileId;
      const merged = await ingest(testDb.db, tenantId, [{ identifiers: [ann, bob] }]);
      const a = merged.assignments[0]!.profileId;
      const mergeId = await mergeIdOf(testDb.db, tenantId, b);

      const shapes = (i: number): HashedIdentifier[][] => [
        [bob],
        [ann, bob],
        [bob, device(`bob-${round}-${i}`)],
        [ann],
        [ann, device(`ann-${round}-${i}`)],
      ];
      const batches = Array.from({ length: BATCHES }, (_, i) =>
        ingest(
          testDb.db,
          tenantId,
          shapes(i).map((identifiers) => ({ identifiers })),
        ),
      );
      const [split] = await Promise.all([
        splitMerge(testDb.db, { tenantId, profileId: a, mergeId }),
        ...batches,
      ]);

      expect(split).toMatchObject({ outcome: 'split', restoredProfileId: b });
      expect(await rootOf(tenantId, ann)).toBe(a);
      expect(await rootOf(tenantId, bob)).toBe(b);
      const stray = await sql<{ n: number }>`SELECT count(*)::int AS n
        FROM cdp_profile_identifiers i
        JOIN cdp_profiles p ON p.tenant_id = i.tenant_id AND p.profile_id = i.profile_id
        WHERE i.tenant_id = ${tenantId} AND p.merged_into IS NOT NULL`.execute(testDb.db);
      expect(stray.rows[0]!.n).toBe(0);
      // Counts moved with the events: the live profiles still count every stored event.
      const counts = await sql<{ counted: number; stored: number }>`SELECT
          (SELECT sum(event_count)::int FROM cdp_profiles
            WHERE tenant_id = ${tenantId} AND merged_into IS NULL) AS counted,
          (SELECT count(*)::int FROM cdp_events WHERE tenant_id = ${tenantId}) AS stored`.execute(
        testDb.db,
      );
      expect(counts.rows[0]!.counted).toBe(counts.rows[0]!.stored);
      // Every event is on a live profile holding one of its identifiers.
      const orphans = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cdp_events e
        WHERE e.tenant_id = ${tenantId} AND NOT EXISTS (
          SELECT 1 FROM jsonb_array_elements(e.identifiers) x(i)
          JOIN cdp_profile_identifiers l ON l.tenant_id = e.tenant_id
            AND l.identifier_type = x.i->>'type' AND l.identifier_hash = x.i->>'hash'
          JOIN cdp_profiles p ON p.tenant_id = l.tenant_id AND p.profile_id = l.profile_id
          WHERE coalesce(p.merged_into, p.profile_id) = (SELECT coalesce(q.merged_into, q.profile_id)
            FROM cdp_profiles q WHERE q.tenant_id = e.tenant_id AND q.profile_id = e.profile_id))`.execute(
        testDb.db,
      );
      expect(orphans.rows[0]!.n).toBe(0);
    },
  );
});
