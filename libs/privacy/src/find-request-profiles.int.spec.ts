import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { findRequestProfiles } from './find-request-profiles';
import { hashed, seedEvents } from './testing';

let testDb: TestDatabase;
let tenantId: string;
let otherTenantId: string;
let survivor: string;
let mergedAway: string[];

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  otherTenantId = (await createTestTenant(testDb.db, { tenantName: 'other' })).tenant.tenantId;
  // Three profiles, then two merges: c into b, then b into a (a chain of survivors).
  const [a, b, c] = await seedEvents(testDb.db, tenantId, [
    { identifiers: [{ type: 'email', value: 'a@example.com' }] },
    { identifiers: [{ type: 'email', value: 'b@example.com' }] },
    { identifiers: [{ type: 'email', value: 'c@example.com' }] },
  ]);
  await seedEvents(testDb.db, tenantId, [
    {
      identifiers: [
        { type: 'email', value: 'b@example.com' },
        { type: 'email', value: 'c@example.com' },
      ],
    },
  ]);
  await seedEvents(testDb.db, tenantId, [
    {
      identifiers: [
        { type: 'email', value: 'a@example.com' },
        { type: 'email', value: 'b@example.com' },
      ],
    },
  ]);
  const live = await testDb.db
    .selectFrom('cdp_profiles')
    .select('profile_id')
    .where('tenant_id', '=', tenantId)
    .where('merged_into', 'is', null)
    .execute();
  survivor = live[0]!.profile_id;
  mergedAway = [a!, b!, c!].filter((id) => id !== survivor);
  await seedEvents(testDb.db, otherTenantId, [
    { identifiers: [{ type: 'email', value: 'a@example.com' }] },
  ]);
});
afterAll(() => testDb.destroy());

describe('findRequestProfiles', () => {
  it('follows any identifier to the survivor and gathers every profile merged into it', async () => {
    const found = await findRequestProfiles(testDb.db, tenantId, [
      hashed('email', 'c@example.com'),
    ]);
    expect(found.survivors).toEqual([survivor]);
    expect(found.all).toEqual([survivor, ...mergedAway].sort());
    expect(found.identifiersMatched).toBe(1);
  });

  it('counts each identifier held, and finds nothing for unknown ones', async () => {
    const found = await findRequestProfiles(testDb.db, tenantId, [
      hashed('email', 'a@example.com'),
      hashed('email', 'nobody@example.com'),
    ]);
    expect(found.identifiersMatched).toBe(1);
    expect(
      await findRequestProfiles(testDb.db, tenantId, [hashed('phone', '+14155550100')]),
    ).toEqual({ survivors: [], all: [], identifiersMatched: 0 });
    expect(await findRequestProfiles(testDb.db, tenantId, [])).toEqual({
      survivors: [],
      all: [],
      identifiersMatched: 0,
    });
  });

  it("stays in the tenant: another tenant's profile with the same identifier is not found", async () => {
    const found = await findRequestProfiles(testDb.db, otherTenantId, [
      hashed('email', 'a@example.com'),
    ]);
    expect(found.all).toHaveLength(1);
    expect(found.all).not.toContain(survivor);
  });
});
