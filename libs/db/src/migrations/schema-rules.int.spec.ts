import { sql } from 'kysely';
import type { Db } from '../database';
import { API_KEY_PREFIXES } from '../tables/api-key.table';
import { CONSENT_PURPOSES, CONSENT_STATUSES } from '../tables/consent.table';
import { EVENT_TYPES } from '../tables/event.table';
import { IDENTIFIER_TYPES } from '../tables/profile-identifier.table';
import { SEGMENT_MEMBERSHIP_CHANGES } from '../tables/segment.table';
import { API_SCOPES, REJECTION_REASONS, REJECTION_ROUTES } from '@stratum/schemas';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';

let testDb: TestDatabase;
let db: Db;

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const AT = '2026-05-10T12:00:00Z';

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterAll(async () => {
  await testDb.destroy();
});

async function newTenant(): Promise<string> {
  const row = await db
    .insertInto('cdp_tenants')
    .values({ name: 'rules' })
    .returning('tenant_id')
    .executeTakeFirstOrThrow();
  return row.tenant_id;
}

async function newProfile(tenantId: string): Promise<string> {
  const row = await db
    .insertInto('cdp_profiles')
    .values({ tenant_id: tenantId, first_seen_at: AT, last_seen_at: AT })
    .returning('profile_id')
    .executeTakeFirstOrThrow();
  return row.profile_id;
}

function identifier(tenantId: string, profileId: string, hash = HASH_A) {
  return {
    tenant_id: tenantId,
    identifier_type: 'email' as const,
    identifier_hash: hash,
    profile_id: profileId,
    first_seen_at: AT,
    last_seen_at: AT,
  };
}

describe('the identifier unique key', () => {
  it('refuses the same identifier twice in one tenant, even for another profile', async () => {
    const tenant = await newTenant();
    const [p1, p2] = [await newProfile(tenant), await newProfile(tenant)];
    await db.insertInto('cdp_profile_identifiers').values(identifier(tenant, p1)).execute();
    await expect(
      db.insertInto('cdp_profile_identifiers').values(identifier(tenant, p2)).execute(),
    ).rejects.toMatchObject({ code: '23505', constraint: 'cdp_profile_identifiers_pkey' });
  });

  it('allows the same identifier in two tenants, and another type with the same hash', async () => {
    const [t1, t2] = [await newTenant(), await newTenant()];
    await db
      .insertInto('cdp_profile_identifiers')
      .values(identifier(t1, await newProfile(t1), HASH_B))
      .execute();
    await db
      .insertInto('cdp_profile_identifiers')
      .values(identifier(t2, await newProfile(t2), HASH_B))
      .execute();
    const p = await newProfile(t1);
    await db
      .insertInto('cdp_profile_identifiers')
      .values({ ...identifier(t1, p, HASH_B), identifier_type: 'external_id' })
      .execute();
    const { rows } = await sql<{ n: number }>`
      SELECT count(*) AS n FROM cdp_profile_identifiers WHERE identifier_hash = ${HASH_B}
    `.execute(db);
    expect(rows[0]?.n).toBe(3);
  });

  it.each([
    ['an unknown type', { identifier_type: 'fax' }],
    ['an upper-case hash', { identifier_hash: 'A'.repeat(64) }],
    ['a short hash', { identifier_hash: 'abc' }],
  ])('refuses %s', async (_label, override) => {
    const tenant = await newTenant();
    await expect(
      db
        .insertInto('cdp_profile_identifiers')
        .values({ ...identifier(tenant, await newProfile(tenant)), ...(override as object) })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('refuses an identifier of a profile in another tenant', async () => {
    const [t1, t2] = [await newTenant(), await newTenant()];
    const foreignProfile = await newProfile(t2);
    await expect(
      db
        .insertInto('cdp_profile_identifiers')
        .values(identifier(t1, foreignProfile, 'c'.repeat(64)))
        .execute(),
    ).rejects.toMatchObject({ code: '23503' });
  });
});

describe('append-only tables', () => {
  let tenant: string;
  let profile: string;

  beforeAll(async () => {
    tenant = await newTenant();
    profile = await newProfile(tenant);
    await db
      .insertInto('cdp_events')
      .values({
        tenant_id: tenant,
        event_id: 'e-1',
        occurred_at: AT,
        received_at: AT,
        profile_id: profile,
        type: 'track',
        name: 'Signed Up',
        identifiers: JSON.stringify([{ type: 'email', hash: HASH_A }]),
      })
      .execute();
    await db
      .insertInto('cdp_consents')
      .values({
        tenant_id: tenant,
        profile_id: profile,
        purpose: 'marketing',
        status: 'granted',
        occurred_at: AT,
      })
      .execute();
  });

  const refused = { code: 'P0001', message: expect.stringMatching(/is append-only$/) };

  it('refuses UPDATE of an event', async () => {
    await expect(
      db.updateTable('cdp_events').set({ name: 'changed' }).where('event_id', '=', 'e-1').execute(),
    ).rejects.toMatchObject({ ...refused, message: 'cdp_events is append-only' });
  });

  it('refuses DELETE of an event, through the parent and on the partition', async () => {
    await expect(
      db.deleteFrom('cdp_events').where('event_id', '=', 'e-1').execute(),
    ).rejects.toMatchObject(refused);
    const { rows } = await sql<{ partition: string }>`
      SELECT tableoid::regclass::text AS partition FROM cdp_events WHERE event_id = 'e-1'
    `.execute(db);
    const partition = rows[0]!.partition;
    await expect(sql`DELETE FROM ${sql.id(partition)}`.execute(db)).rejects.toMatchObject(refused);
  });

  it('refuses TRUNCATE of the table and of its partitions', async () => {
    await expect(sql`TRUNCATE cdp_events`.execute(db)).rejects.toMatchObject(refused);
    await expect(sql`TRUNCATE cdp_events_default`.execute(db)).rejects.toMatchObject(refused);
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'cdp_events'::regclass
    `.execute(db);
    expect(rows.length).toBeGreaterThan(1);
    for (const { name } of rows) {
      await expect(sql`TRUNCATE ${sql.id(name)}`.execute(db)).rejects.toMatchObject(refused);
    }
    const count = await db
      .selectFrom('cdp_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of consents', async () => {
    const message = 'cdp_consents is append-only';
    await expect(
      db.updateTable('cdp_consents').set({ status: 'denied' }).execute(),
    ).rejects.toMatchObject({ message });
    await expect(db.deleteFrom('cdp_consents').execute()).rejects.toMatchObject({ message });
    await expect(sql`TRUNCATE cdp_consents`.execute(db)).rejects.toMatchObject({ message });
  });

  it.each([
    ['an unknown type', { type: 'click' }],
    ['an empty event_id', { event_id: '' }],
    ['a 129-character event_id', { event_id: 'x'.repeat(129) }],
  ])('refuses an event with %s', async (_label, override) => {
    await expect(
      db
        .insertInto('cdp_events')
        .values({
          tenant_id: tenant,
          event_id: 'e-2',
          occurred_at: AT,
          received_at: AT,
          profile_id: profile,
          type: 'track',
          ...(override as object),
        })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });
});

describe('the segment membership log', () => {
  async function logOne(): Promise<string> {
    const tenant = await newTenant();
    const segment = await db
      .insertInto('cdp_segments')
      .values({ tenant_id: tenant, name: 'log', definition: { identifier: 'email' } })
      .returning('segment_id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('cdp_segment_membership_log')
      .values({
        tenant_id: tenant,
        segment_id: segment.segment_id,
        profile_id: await newProfile(tenant),
        change: 'entered',
        at: AT,
        version: 1,
      })
      .execute();
    return tenant;
  }
  const message = 'cdp_segment_membership_log is append-only';

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const tenant = await logOne();
    const mine = db.updateTable('cdp_segment_membership_log').where('tenant_id', '=', tenant);
    await expect(mine.set({ change: 'exited' }).execute()).rejects.toMatchObject({ message });
    await expect(
      db.deleteFrom('cdp_segment_membership_log').where('tenant_id', '=', tenant).execute(),
    ).rejects.toMatchObject({ message });
    await expect(sql`TRUNCATE cdp_segment_membership_log`.execute(db)).rejects.toMatchObject({
      message,
    });
  });

  it('lets an erasing transaction delete, and nothing else', async () => {
    const tenant = await logOne();
    await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL cdp.erasing = 'on'`.execute(trx);
      await trx.deleteFrom('cdp_segment_membership_log').where('tenant_id', '=', tenant).execute();
    });
    const left = await db
      .selectFrom('cdp_segment_membership_log')
      .select('log_id')
      .where('tenant_id', '=', tenant)
      .execute();
    expect(left).toEqual([]);
    // SET LOCAL ended with that transaction: the next delete is refused again.
    const other = await logOne();
    await expect(
      db.deleteFrom('cdp_segment_membership_log').where('tenant_id', '=', other).execute(),
    ).rejects.toMatchObject({ message });
  });

  it.each([['an unknown change', { change: 'left' }]])(
    'refuses a row with %s',
    async (_label, override) => {
      const tenant = await newTenant();
      const segment = await db
        .insertInto('cdp_segments')
        .values({ tenant_id: tenant, name: 'check', definition: { identifier: 'email' } })
        .returning('segment_id')
        .executeTakeFirstOrThrow();
      await expect(
        db
          .insertInto('cdp_segment_membership_log')
          .values({
            tenant_id: tenant,
            segment_id: segment.segment_id,
            profile_id: await newProfile(tenant),
            change: 'entered',
            at: AT,
            version: 1,
            ...(override as object),
          })
          .execute(),
      ).rejects.toMatchObject({ code: '23514' });
    },
  );
});

describe('the dedupe claim', () => {
  // The statement documented in docs/SCHEMA.md: an expired key is taken over, a live one
  // reports a duplicate (no row returned).
  async function claim(tenantId: string, eventId: string, receivedAt: Date, windowDays: number) {
    const { rows } = await sql<{ event_id: string }>`
      INSERT INTO cdp_event_dedupe AS existing (tenant_id, event_id, received_at)
      VALUES (${tenantId}, ${eventId}, ${receivedAt})
      ON CONFLICT (tenant_id, event_id) DO UPDATE
        SET received_at = EXCLUDED.received_at, profile_id = NULL, occurred_at = NULL
        WHERE existing.received_at < ${receivedAt}::timestamptz - make_interval(days => ${windowDays})
      RETURNING event_id
    `.execute(db);
    return rows.length === 1 ? 'claimed' : 'duplicate';
  }

  it('claims a new key, reports a live one as a duplicate and reuses an expired one', async () => {
    const tenant = await newTenant();
    const t0 = new Date('2026-01-01T00:00:00Z');
    const day = 24 * 60 * 60 * 1000;
    expect(await claim(tenant, 'ev', t0, 7)).toBe('claimed');
    expect(await claim(tenant, 'ev', new Date(t0.getTime() + 6 * day), 7)).toBe('duplicate');
    expect(await claim(tenant, 'ev', new Date(t0.getTime() + 8 * day), 7)).toBe('claimed');
    expect(await claim(await newTenant(), 'ev', t0, 7)).toBe('claimed');
  });
});

describe('TypeScript enumerations', () => {
  async function allowed(constraint: string): Promise<string[]> {
    const { rows } = await sql<{ def: string }>`
      SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = ${constraint}
    `.execute(db);
    return [...(rows[0]?.def ?? '').matchAll(/'([^']+)'::text/g)].map((m) => m[1]!);
  }

  it.each([
    ['cdp_profile_identifiers_identifier_type_check', IDENTIFIER_TYPES],
    ['cdp_events_type_check', EVENT_TYPES],
    ['cdp_consents_purpose_check', CONSENT_PURPOSES],
    ['cdp_consents_status_check', CONSENT_STATUSES],
    ['cdp_api_keys_scopes_check', API_SCOPES],
    ['cdp_api_keys_key_prefix_check', API_KEY_PREFIXES],
    ['cdp_rejected_events_reason_check', REJECTION_REASONS],
    ['cdp_rejected_events_route_check', REJECTION_ROUTES],
    ['cdp_segment_membership_log_change_check', SEGMENT_MEMBERSHIP_CHANGES],
  ])('match the values %s allows', async (constraint, values) => {
    expect(await allowed(constraint)).toEqual([...values]);
  });
});
