import { sql } from 'kysely';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { privacyRequestToJson } from '../privacy-request-json';
import { findPrivacyRequest } from '../privacy-request.repository';
import { runPrivacyRequest } from '../run-privacy-request';
import { submitPrivacyRequest } from '../submit-privacy-request';
import { buildErasureWorld } from '../testing/erasure-world';
import type { ErasureWorld } from '../testing/erasure-world';
import { eraseEvents } from './erase-events';

let testDb: TestDatabase;
let world: ErasureWorld;

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await buildErasureWorld(testDb.db, (await createTestTenant(testDb.db)).tenant.tenantId);
}, 60_000);
afterAll(() => testDb.destroy());

describe('an erasure that dies on its way', () => {
  it('shows its progress (counts, never a hash), and a new run finishes it', async () => {
    // The last step fails: the profiles' merges cannot be deleted, as after a crash there.
    await sql`CREATE FUNCTION refuse_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'crash'; END $$`.execute(testDb.db);
    await sql`CREATE TRIGGER refuse_once BEFORE DELETE ON cdp_profile_merges
      FOR EACH ROW EXECUTE FUNCTION refuse_once()`.execute(testDb.db);
    const request = await submitPrivacyRequest(
      testDb.db,
      world.tenantId,
      'erase',
      [world.janeHashes[0]!],
      { queue: false },
    );
    await expect(runPrivacyRequest(testDb.db, world.tenantId, request.requestId)).rejects.toThrow(
      'crash',
    );

    const midway = (await findPrivacyRequest(testDb.db, world.tenantId, request.requestId))!;
    expect(midway.status).toBe('running');
    const shown = privacyRequestToJson(midway);
    expect(shown.progress).toEqual({
      step: 'rest',
      profiles: 2,
      identifiers: 4,
      events: 5,
      dedupe_keys: 5,
    });
    expect(shown.message).toBe('Running.');
    for (const { hash } of world.janeHashes) {
      expect(JSON.stringify(shown.progress)).not.toContain(hash);
    }

    await sql`DROP TRIGGER refuse_once ON cdp_profile_merges`.execute(testDb.db);
    const ended = await runPrivacyRequest(testDb.db, world.tenantId, request.requestId);
    expect(ended).toMatchObject({
      status: 'done',
      profilesAffected: 2,
      progress: null,
      counts: { identifiers: 4, events: 5, other_events: 1, profiles: 2, rejected_events: 1 },
    });
  });
});

describe('eraseEvents', () => {
  it('deletes in chunks, reporting the running totals in each chunk', async () => {
    const totals: number[] = [];
    const result = await eraseEvents(
      testDb.db,
      world.tenantId,
      [world.bob],
      (_trx, t) => {
        totals.push(t.events);
        return Promise.resolve();
      },
      1,
    );
    expect(result).toEqual({ events: 3, dedupeKeys: 3 });
    expect(totals).toEqual([1, 2, 3]);
  });
});
