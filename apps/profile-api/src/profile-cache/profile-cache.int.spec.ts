// The cache against the product's own write paths: events stored by the ingestion store
// step (creating, updating and merging profiles), segment membership, an erasure. After each
// write, once the tail has applied the feed up to it, a cached answer equals a fresh read.
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createMetrics } from '@stratum/http';
import type { AppError } from '@stratum/http';
import { createTestLogger } from '@stratum/http/testing';
import { normalizeIdentifier, sha256Hex } from '@stratum/identity';
// Tests write through the product's own write paths; the app never imports them.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ingestRequests } from '@stratum/ingestion';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { IngestTenant } from '@stratum/ingestion';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { validatedEvent } from '@stratum/ingestion/testing';
import { runPrivacyRequest, submitPrivacyRequest } from '@stratum/privacy';
import { reevaluateProfiles } from '@stratum/segments';
import type { Profile } from '@stratum/schemas';
import { getProfileById, getProfileByIdentifier } from '../profiles/profile.service';
import { asReadonly } from '../read-only/read-only-db';
import type { ReadonlyDb } from '../read-only/read-only-db';
import { createTestSegment, planIs } from '../testing/segments';
import { createProfileCacheMetrics } from './cache-metrics';
import { CacheTail } from './cache-tail';
import { CachedProfiles } from './cached-profiles';
import { ProfileCache } from './profile-cache';

let testDb: TestDatabase;
let reader: ReadonlyDb;
let tenant: IngestTenant;
let cache: ProfileCache;
let tail: CacheTail;
let profiles: CachedProfiles;

beforeAll(async () => {
  testDb = await createTestDatabase();
  reader = asReadonly(testDb.db);
  const tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  tenant = {
    tenantId,
    settings: { dedupeWindowDays: 7, junkIdentifierValues: [], identifierLimits: {} },
  };
  // The tail is driven by the tests (catchUp), never by a timer.
  cache = new ProfileCache({ maxBytes: 10_000_000, maxLagMs: 600_000 });
  tail = new CacheTail({
    db: testDb.db,
    cache,
    logger: createTestLogger('warn').logger,
    pollMs: 50,
  });
  profiles = new CachedProfiles(reader, cache, createProfileCacheMetrics(createMetrics(), cache));
  await tail.catchUp();
});
afterAll(() => testDb.destroy());

async function ingest(
  email: string,
  options: Parameters<typeof validatedEvent>[1] = {},
  as: IngestTenant = tenant,
): Promise<string> {
  const [results] = await ingestRequests(testDb.db, as, [
    { sourceId: null, receivedAt: new Date(), events: [validatedEvent(email, options)] },
  ]);
  const outcome = results![0]!;
  if (outcome.status !== 'accepted') throw new Error(`not stored: ${outcome.status}`);
  return outcome.profileId;
}

/**
 * Applies the feed up to now: reads until the cache's clock covers a read that began after
 * the writes (other test files' open transactions hold the feed back for a moment).
 */
async function applied(): Promise<void> {
  const since = Date.now();
  const deadline = since + 20_000;
  for (;;) {
    await tail.catchUp();
    const now = Date.now();
    if (cache.clock.lagMs(now) <= now - since) return;
    if (now > deadline) throw new Error('the change feed did not catch up');
    await sleep(20);
  }
}

const byEmail = (email: string) => ({ type: 'email' as const, hash: sha256Hex(email) });
const cachedById = async (id: string) =>
  JSON.parse(await profiles.byId(tenant.tenantId, id)) as Profile;
const cachedByEmail = async (email: string) =>
  JSON.parse(await profiles.byIdentifier(tenant.tenantId, byEmail(email))) as Profile;

describe('the profile cache over the change feed', () => {
  it('answers from memory until a stored event changes the profile, then as the database does', async () => {
    const profileId = await ingest('ada@example.com', { traits: { plan: 'free' } });
    await applied();
    // Asked twice: kept (the doorkeeper keeps an answer on its key's second miss).
    await cachedById(profileId);
    expect((await cachedById(profileId)).traits).toEqual({ plan: 'free' });
    await cachedByEmail('ada@example.com');
    await cachedByEmail('ada@example.com');

    await ingest('ada@example.com', { traits: { plan: 'pro' } });
    // Not yet applied: the kept answer is still the one served.
    expect((await cachedById(profileId)).traits).toEqual({ plan: 'free' });

    await applied();
    const fresh = await getProfileById(reader, tenant.tenantId, profileId);
    expect(fresh).toMatchObject({ traits: { plan: 'pro' }, event_count: 2 });
    expect(await cachedById(profileId)).toEqual(fresh);
    expect(await cachedByEmail('ada@example.com')).toEqual(fresh);
  });

  it('never serves a merged-away profile once the merge is applied, by id or identifier', async () => {
    const bob = await ingest('bob@example.com', { also: [{ type: 'external_id', value: 'u-1' }] });
    const other = await ingest('bob.other@example.com');
    await applied();
    for (let i = 0; i < 2; i++) {
      await cachedById(other);
      await cachedByEmail('bob.other@example.com');
      await cachedById(bob);
    }
    expect(cache.size).toBeGreaterThanOrEqual(3);

    // One event naming both: the two profiles merge.
    await ingest('bob.other@example.com', { also: [{ type: 'external_id', value: 'u-1' }] });
    await applied();

    const survivor = await getProfileByIdentifier(
      reader,
      tenant.tenantId,
      byEmail('bob.other@example.com'),
    );
    expect(survivor.merged_ids).toHaveLength(1);
    expect([bob, other]).toContain(survivor.profile_id);
    expect(await cachedById(other)).toEqual(survivor);
    expect(await cachedById(bob)).toEqual(survivor);
    expect(await cachedByEmail('bob.other@example.com')).toEqual(survivor);
    expect(await cachedByEmail('bob@example.com')).toEqual(survivor);
  });

  it('shows a refused merge once applied, on the profile the event did not go to too', async () => {
    const limited: IngestTenant = {
      ...tenant,
      settings: { ...tenant.settings, identifierLimits: { external_id: 1 } },
    };
    const crm = (value: string) => ({ also: [{ type: 'external_id' as const, value }] });
    const eva = await ingest('eva@example.com', crm('eva-crm'), limited);
    const fay = await ingest('fay@example.com', crm('fay-crm'), limited);
    await applied();
    for (let i = 0; i < 2; i++) {
      await cachedById(eva);
      await cachedById(fay);
    }

    // Fay's email with Eva's external id: stored on Eva's profile, the merge refused.
    expect(await ingest('fay@example.com', crm('eva-crm'), limited)).toBe(eva);
    expect((await cachedById(fay)).refused_merges).toEqual([]);
    await applied();

    const fresh = await getProfileById(reader, tenant.tenantId, fay);
    expect(fresh.refused_merges).toEqual([
      expect.objectContaining({ other_profile_id: eva, reason: 'identifier_limit', refusals: 1 }),
    ]);
    expect(await cachedById(fay)).toEqual(fresh);
    expect(await cachedById(eva)).toEqual(await getProfileById(reader, tenant.tenantId, eva));
  });

  it('shows a segment entry once applied', async () => {
    const profileId = await ingest('cy@example.com', { traits: { plan: 'basic' } });
    const segmentId = await createTestSegment(testDb.db, tenant.tenantId, {
      name: 'enterprise',
      definition: planIs('enterprise'),
    });
    await applied();
    await cachedById(profileId);
    expect((await cachedById(profileId)).segments).toEqual([]);

    await ingest('cy@example.com', { traits: { plan: 'enterprise' } });
    await reevaluateProfiles(testDb.db, tenant.tenantId, [profileId], { now: new Date() });
    await applied();
    const fresh = await getProfileById(reader, tenant.tenantId, profileId);
    expect(fresh.segments).toEqual([segmentId]);
    expect(await cachedById(profileId)).toEqual(fresh);
  });

  it('never serves an erased profile once the erasure is applied', async () => {
    const profileId = await ingest('dee@example.com', { traits: { plan: 'pro' } });
    await applied();
    for (let i = 0; i < 2; i++) {
      await cachedById(profileId);
      await cachedByEmail('dee@example.com');
    }

    const identifier = normalizeIdentifier({ type: 'email', value: 'dee@example.com' });
    if (!identifier.ok) throw new Error('test identifier');
    const request = await submitPrivacyRequest(
      testDb.db,
      tenant.tenantId,
      'erase',
      [identifier.identifier],
      { queue: false },
    );
    await runPrivacyRequest(testDb.db, tenant.tenantId, request.requestId);
    await applied();

    const notFound = expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as AppError;
    await expect(cachedById(profileId)).rejects.toEqual(notFound);
    await expect(cachedByEmail('dee@example.com')).rejects.toEqual(notFound);
  });

  it('keeps nothing it was not asked for, and counts where answers came from', async () => {
    const profileId = await ingest('eve@example.com');
    await applied();
    const before = cache.size;
    await cachedById(profileId);
    expect(cache.size).toBe(before);
    await cachedById(profileId);
    expect(cache.size).toBe(before + 1);
  });

  it('follows the feed only while look-ups come, and forgets when it stops', async () => {
    const idle = new ProfileCache({ maxBytes: 1_000_000, maxLagMs: 600_000 });
    const idleTail = new CacheTail({
      db: testDb.db,
      cache: idle,
      logger: createTestLogger('warn').logger,
      pollMs: 10,
      idleMs: 300,
    });
    const lookups = new CachedProfiles(
      reader,
      idle,
      createProfileCacheMetrics(createMetrics(), idle),
      () => idleTail.wake(),
    );
    const profileId = await ingest('fay@example.com');
    expect(idleTail.following).toBe(false);
    const until = async (check: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!check() && Date.now() < deadline) await sleep(10);
    };
    await lookups.byId(tenant.tenantId, profileId);
    expect(idleTail.following).toBe(true);
    // Look-ups keep it following; once it has caught up, an answer is kept.
    const deadline = Date.now() + 20_000;
    while (idle.size === 0 && Date.now() < deadline) {
      await lookups.byId(tenant.tenantId, profileId);
      await sleep(20);
    }
    expect(idle.size).toBe(1);
    // No look-up for longer than idleMs: the tail stops and the cache forgets.
    await until(() => !idleTail.following);
    expect(idleTail.following).toBe(false);
    expect(idle.size).toBe(0);
    expect(idle.lagMs()).toBe(Infinity);
    idleTail.close();
  }, 60_000);
});
