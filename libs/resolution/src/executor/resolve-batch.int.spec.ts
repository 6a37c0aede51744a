import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { HashedIdentifier, ResolutionEvent } from '../planner/resolution.types';
import { resolveBatch } from './resolve-batch';

const hash = (value: string) => createHash('sha256').update(value).digest('hex');
const email = (v: string): HashedIdentifier => ({ type: 'email', hash: hash(v) });
const phone = (v: string): HashedIdentifier => ({ type: 'phone', hash: hash(v) });
const ext = (v: string): HashedIdentifier => ({ type: 'external_id', hash: hash(v) });

let testDb: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
});
afterAll(() => testDb.destroy());

function event(
  eventId: string,
  identifiers: HashedIdentifier[],
  traits?: Record<string, unknown>,
): ResolutionEvent {
  return { eventId, occurredAt: new Date(), identifiers, traits };
}

async function resolve(events: ResolutionEvent[], tenant = tenantId) {
  return testDb.db
    .transaction()
    .execute((trx) => resolveBatch(trx, { tenantId: tenant, events, limits: { external_id: 1 } }));
}

async function ownerOf(
  identifier: HashedIdentifier,
  tenant = tenantId,
): Promise<string | undefined> {
  const row = await testDb.db
    .selectFrom('cdp_profile_identifiers')
    .select('profile_id')
    .where('tenant_id', '=', tenant)
    .where('identifier_type', '=', identifier.type)
    .where('identifier_hash', '=', identifier.hash)
    .executeTakeFirst();
  return row?.profile_id;
}

describe('resolveBatch against PostgreSQL', () => {
  it('creates, links and stores traits and counts', async () => {
    const [created] = (await resolve([event('c1', [email('c@x.io')], { plan: 'free' })]))
      .assignments;
    const [linked] = (
      await resolve([event('c2', [email('c@x.io'), phone('+14155550101')], { plan: 'pro' })])
    ).assignments;
    expect(created!.outcome).toBe('created');
    expect(linked).toMatchObject({ profileId: created!.profileId, outcome: 'linked' });
    expect(await ownerOf(phone('+14155550101'))).toBe(created!.profileId);
    const profile = await testDb.db
      .selectFrom('cdp_profiles')
      .selectAll()
      .where('profile_id', '=', created!.profileId)
      .executeTakeFirstOrThrow();
    expect(profile.event_count).toBe(2);
    expect(profile.traits).toEqual({ plan: 'pro' });
  });

  it('merges A{email}, B{phone} and C{email, phone} into the oldest and keeps the old id resolvable', async () => {
    const a = (await resolve([event('a', [email('a@x.io')])])).assignments[0]!.profileId;
    const b = (await resolve([event('b', [phone('+14155550102')])])).assignments[0]!.profileId;
    const c = (await resolve([event('c', [email('a@x.io'), phone('+14155550102')])]))
      .assignments[0]!;
    expect(c).toMatchObject({ profileId: a, outcome: 'merged' });
    expect(await ownerOf(phone('+14155550102'))).toBe(a);
    const merged = await testDb.db
      .selectFrom('cdp_profiles')
      .select(['merged_into', 'merged_at'])
      .where('profile_id', '=', b)
      .executeTakeFirstOrThrow();
    expect(merged.merged_into).toBe(a);
    const history = await testDb.db
      .selectFrom('cdp_profile_merges')
      .selectAll()
      .where('merged_profile_id', '=', b)
      .execute();
    expect(history).toEqual([expect.objectContaining({ into_profile_id: a, event_id: 'c' })]);
  });

  it('never puts two external ids on one profile', async () => {
    const first = (await resolve([event('x1', [ext('crm-1'), email('shared@x.io')])]))
      .assignments[0]!;
    const second = (await resolve([event('x2', [ext('crm-2'), email('shared@x.io')])]))
      .assignments[0]!;
    expect(second.outcome).toBe('protected');
    expect(second.profileId).not.toBe(first.profileId);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT profile_id FROM cdp_profile_identifiers
        WHERE tenant_id = ${tenantId} AND identifier_type = 'external_id'
        GROUP BY profile_id HAVING count(*) > 1) t`.execute(testDb.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('records a refused merge once per pair, counting refusals across batches, with its change', async () => {
    const first = (await resolve([event('r1', [ext('crm-r1'), email('r1@x.io')])])).assignments[0]!
      .profileId;
    const second = (await resolve([event('r2', [ext('crm-r2')])])).assignments[0]!.profileId;
    await resolve([event('r3', [ext('crm-r2'), email('r1@x.io')])]);
    await resolve([
      event('r4', [email('r1@x.io'), ext('crm-r2')]),
      event('r5', [ext('crm-r2'), email('r1@x.io')]),
    ]);
    const [a, b] = [first, second].sort();
    const rows = await testDb.db
      .selectFrom('cdp_refused_merges')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('profile_a_id', '=', a!)
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        profile_b_id: b,
        reason: 'identifier_limit',
        first_event_id: 'r3',
        last_event_id: 'r5',
        refusals: 3,
      }),
    ]);
    expect(rows[0]!.last_refused_at.getTime()).toBeGreaterThan(rows[0]!.first_refused_at.getTime());
    const changes = await testDb.db
      .selectFrom('cdp_changes')
      .select(['profile_id', 'data'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'profile.merge_refused')
      .where('profile_id', 'in', [first, second])
      .orderBy('change_id')
      .execute();
    expect(changes).toEqual([
      {
        profile_id: second,
        data: { other_profile_id: first, reason: 'identifier_limit', event_id: 'r3' },
      },
      // The event goes to the profile of its external id, whatever the identifiers' order.
      {
        profile_id: second,
        data: { other_profile_id: first, reason: 'identifier_limit', event_id: 'r4' },
      },
    ]);
  });

  it('rewrites an identifier only when its last sighting moves by a minute or more', async () => {
    const id = email('seen@x.io');
    const at = (iso: string): ResolutionEvent => ({
      eventId: iso,
      occurredAt: new Date(iso),
      identifiers: [id],
    });
    const version = async () => {
      const { rows } = await sql<{ xmin: string; last_seen_at: Date }>`
        SELECT xmin::text, last_seen_at FROM cdp_profile_identifiers
        WHERE tenant_id = ${tenantId} AND identifier_hash = ${id.hash}`.execute(testDb.db);
      return rows[0]!;
    };
    await resolve([at('2026-03-01T10:00:00Z')]);
    const first = await version();

    await resolve([at('2026-03-01T10:00:59Z')]);
    expect(await version()).toEqual(first);

    await resolve([at('2026-03-01T10:01:00Z')]);
    const moved = await version();
    expect(moved.xmin).not.toBe(first.xmin);
    expect(moved.last_seen_at).toEqual(new Date('2026-03-01T10:01:00Z'));
  });

  it('keeps tenants apart: the same identifier resolves to different profiles', async () => {
    const other = (await createTestTenant(testDb.db)).tenant.tenantId;
    const mine = (await resolve([event('t1', [email('t@x.io')])])).assignments[0]!.profileId;
    const theirs = (await resolve([event('t1', [email('t@x.io')])], other)).assignments[0]!
      .profileId;
    expect(theirs).not.toBe(mine);
  });

  it('serializes concurrent batches with overlapping identifiers: one profile, no deadlock', async () => {
    const batches = Array.from({ length: 16 }, (_, i) => [
      event(`p${i}a`, [email('hub@x.io'), phone(`+1415555${String(1000 + i)}`)]),
      event(`p${i}b`, [phone(`+1415555${String(1000 + ((i + 1) % 16))}`), email(`spoke${i}@x.io`)]),
    ]);
    const results = await Promise.all(batches.map((b) => resolve(b)));
    expect(results).toHaveLength(16);
    const owners = new Set<string>();
    for (let i = 0; i < 16; i++) {
      owners.add((await ownerOf(email(`spoke${i}@x.io`)))!);
      owners.add((await ownerOf(phone(`+1415555${String(1000 + i)}`)))!);
    }
    owners.add((await ownerOf(email('hub@x.io')))!);
    expect(owners.size).toBe(1);
    const live = await testDb.db
      .selectFrom('cdp_profiles')
      .select(({ fn }) => fn.sum<number>('event_count').as('events'))
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', [...owners][0]!)
      .executeTakeFirstOrThrow();
    expect(Number(live.events)).toBe(32);
  });
});
