// The consent condition over every profile (one pass over the purpose's decisions) and over a
// few profiles (an index probe each) must both follow the profile API's rule of the current
// decision, ties and merges included.
import { randomUUID } from 'node:crypto';
import { findCurrentConsents } from '@stratum/db';
import type { ConsentPurpose, ConsentStatus, Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { SegmentDefinitionSchema } from '@stratum/schemas';
import fc from 'fast-check';
import { selectMemberIds } from './select-member-ids';
import { NOW, daysAgo } from './testing/segment-world';

let test: TestDatabase;
let db: Db;

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
});
afterAll(() => test.destroy());

const PURPOSES: ConsentPurpose[] = ['marketing', 'analytics'];
const PROFILES = 5;

interface Decision {
  profile: number;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  /** Few distinct days, so that decisions often share their instant. */
  day: number;
}

const worldArb = fc.record({
  // Profile i may be merged into a profile before it (a survivor is never merged itself).
  mergedInto: fc.tuple(
    ...Array.from({ length: PROFILES }, (_, i) =>
      i === 0 ? fc.constant(undefined) : fc.option(fc.nat(i - 1), { nil: undefined }),
    ),
  ),
  decisions: fc.array(
    fc.record({
      profile: fc.nat(PROFILES - 1),
      purpose: fc.constantFrom(...PURPOSES),
      status: fc.constantFrom<ConsentStatus>('granted', 'denied'),
      day: fc.nat(2),
    }),
    { maxLength: 12 },
  ),
});

async function buildWorld(
  tenantId: string,
  mergedInto: (number | undefined)[],
  decisions: Decision[],
): Promise<string[]> {
  const ids = mergedInto.map(() => randomUUID());
  // Merged into the final survivor, as merges always record it.
  const survivor = (i: number): number => {
    const into = mergedInto[i];
    return into === undefined ? i : survivor(into);
  };
  for (const [i, id] of ids.entries()) {
    const into = survivor(i) === i ? null : ids[survivor(i)]!;
    await db
      .insertInto('cdp_profiles')
      .values({
        tenant_id: tenantId,
        profile_id: id,
        first_seen_at: NOW,
        last_seen_at: NOW,
        merged_into: into,
        merged_at: into === null ? null : NOW,
      })
      .execute();
  }
  // One by one: the insertion order is the tie-break between decisions of one instant.
  for (const d of decisions) {
    await db
      .insertInto('cdp_consents')
      .values({
        tenant_id: tenantId,
        profile_id: ids[d.profile]!,
        purpose: d.purpose,
        status: d.status,
        occurred_at: daysAgo(d.day),
      })
      .execute();
  }
  return ids;
}

async function members(tenantId: string, definition: unknown, profileIds?: string[]) {
  const parsed = SegmentDefinitionSchema.parse(definition);
  const rows = await selectMemberIds(db, tenantId, parsed, { now: NOW, profileIds }).execute();
  return rows.map((row) => row.profile_id).sort();
}

describe('the consent condition', () => {
  it('matches the current decision the profile API shows, over every profile or a few', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ({ mergedInto, decisions }) => {
        const { tenantId } = (await createTestTenant(db)).tenant;
        const ids = await buildWorld(tenantId, mergedInto, decisions);
        const survivors = ids.filter((_, i) => mergedInto[i] === undefined);
        for (const purpose of PURPOSES) {
          for (const status of ['granted', 'denied'] as const) {
            const expected: string[] = [];
            for (const id of survivors) {
              const current = await findCurrentConsents(db, tenantId, id);
              if (current.some((c) => c.purpose === purpose && c.status === status)) {
                expected.push(id);
              }
            }
            const definition = { consent: purpose, status };
            expect(await members(tenantId, definition)).toEqual(expected.sort());
            expect(await members(tenantId, definition, ids)).toEqual(expected.sort());
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
