import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { installJobQueue } from '@stratum/destinations/testing';
import { runPrivacyRequest } from '../run-privacy-request';
import { submitPrivacyRequest } from '../submit-privacy-request';
import { dumpDatabase } from '../testing/dump-database';
import { buildErasureWorld } from '../testing/erasure-world';
import type { ErasureWorld } from '../testing/erasure-world';

let testDb: TestDatabase;
let world: ErasureWorld;

beforeAll(async () => {
  testDb = await createTestDatabase();
  // The job queue's tables are part of the dump too.
  await installJobQueue(testDb.url);
  world = await buildErasureWorld(testDb.db, (await createTestTenant(testDb.db)).tenant.tenantId);
}, 60_000);
afterAll(() => testDb.destroy());

describe('after an erasure, a dump of the whole database', () => {
  it("holds none of the erased person's hashes, and still holds the others'", async () => {
    const before = await dumpDatabase(testDb.db, testDb.url);
    for (const { hash } of world.janeHashes) expect(before.text).toContain(hash);

    const request = await submitPrivacyRequest(
      testDb.db,
      world.tenantId,
      'erase',
      [world.janeHashes[0]!],
      { queue: true },
    );
    await runPrivacyRequest(testDb.db, world.tenantId, request.requestId);

    const after = await dumpDatabase(testDb.db, testDb.url);
    expect(after.via).toBe(before.via);
    for (const { hash } of world.janeHashes) expect(after.text).not.toContain(hash);
    for (const id of world.jane) expect(after.text.split(id).length - 1).toBe(1);
    expect(after.text).toContain(world.bobHashes[0]!.hash);
  });
});
