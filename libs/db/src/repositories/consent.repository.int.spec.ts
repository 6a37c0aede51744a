import { Migrator } from 'kysely';
import type { Db } from '../database';
import { staticMigrationProvider } from '../migrate/migrations';
import { migrateToLatest } from '../migrate/migrator';
import type { ConsentStatus } from '../tables/consent.table';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { findConsentHistory, findCurrentConsents, insertConsents } from './consent.repository';
import { createTenant } from './tenant.repository';

let testDb: TestDatabase;
let db: Db;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  tenantId = (await createTenant(db, { name: 'Consents' })).tenantId;
});

afterAll(async () => {
  await testDb.destroy();
});

const AT = new Date('2026-06-01T12:00:00Z');

async function createProfile(mergedInto: string | null = null): Promise<string> {
  const row = await db
    .insertInto('cdp_profiles')
    .values({
      tenant_id: tenantId,
      first_seen_at: AT,
      last_seen_at: AT,
      merged_into: mergedInto,
      merged_at: mergedInto === null ? null : AT,
    })
    .returning('profile_id')
    .executeTakeFirstOrThrow();
  return row.profile_id;
}

function record(profileId: string, statuses: ConsentStatus[], occurredAt = AT, source = 'test') {
  return db.transaction().execute((trx) =>
    insertConsents(trx, {
      tenantId,
      profileId,
      consents: statuses.map((status) => ({ purpose: 'marketing', status, occurredAt })),
      source,
      sourceId: null,
    }),
  );
}

describe('the current consent per purpose', () => {
  it.each([
    [['granted', 'denied'], 'denied'],
    [['denied', 'granted'], 'granted'],
    [['denied', 'granted', 'granted', 'denied', 'granted'], 'granted'],
  ] as const)('of %j recorded at one instant in one insert is %s', async (statuses, last) => {
    const profileId = await createProfile();
    await record(profileId, [...statuses]);
    expect(await findCurrentConsents(db, tenantId, profileId)).toEqual([
      { purpose: 'marketing', status: last, occurredAt: AT, source: 'test' },
    ]);
    const history = await findConsentHistory(db, tenantId, [profileId]);
    expect(history.map((c) => c.status)).toEqual([...statuses].reverse());
  });

  it('is the later decision, then the later recorded, over the survivor and its merged ids', async () => {
    const survivor = await createProfile();
    const merged = await createProfile(survivor);
    const other = await createProfile();
    await record(merged, ['granted'], new Date('2026-06-02T00:00:00Z'), 'later decision');
    await record(survivor, ['denied'], AT, 'earlier decision, recorded later');
    await db.transaction().execute((trx) =>
      insertConsents(trx, {
        tenantId,
        profileId: survivor,
        consents: [{ purpose: 'analytics', status: 'granted', occurredAt: AT }],
        source: null,
        sourceId: null,
      }),
    );
    await record(merged, ['denied'], AT, 'same instant, recorded later');
    await record(other, ['denied'], new Date('2026-07-01T00:00:00Z'));

    expect(await findCurrentConsents(db, tenantId, survivor)).toEqual([
      { purpose: 'analytics', status: 'granted', occurredAt: AT, source: null },
      {
        purpose: 'marketing',
        status: 'granted',
        occurredAt: new Date('2026-06-02T00:00:00Z'),
        source: 'later decision',
      },
    ]);
    const history = await findConsentHistory(db, tenantId, [survivor, merged]);
    expect(history.map((c) => c.source)).toEqual([
      'later decision',
      'same instant, recorded later',
      null,
      'earlier decision, recorded later',
    ]);
  });

  it('is scoped to the tenant', async () => {
    const profileId = await createProfile();
    await record(profileId, ['granted']);
    const stranger = (await createTenant(db, { name: 'Stranger' })).tenantId;
    expect(await findCurrentConsents(db, stranger, profileId)).toEqual([]);
  });
});

describe('the change feed of consents', () => {
  it('records consent.changed with the purposes in the statement that records them', async () => {
    const profileId = await createProfile();
    await db.transaction().execute((trx) =>
      insertConsents(trx, {
        tenantId,
        profileId,
        consents: [
          { purpose: 'marketing', status: 'granted', occurredAt: AT },
          { purpose: 'analytics', status: 'denied', occurredAt: AT },
          { purpose: 'marketing', status: 'denied', occurredAt: AT },
        ],
        source: 'test',
        sourceId: null,
      }),
    );
    const changes = await db
      .selectFrom('cdp_changes')
      .select(['kind', 'data'])
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', profileId)
      .execute();
    expect(changes).toEqual([
      { kind: 'consent.changed', data: { purposes: ['analytics', 'marketing'] } },
    ]);
  });

  it('records nothing when the consents are not stored', async () => {
    const profileId = await createProfile();
    await expect(
      db.transaction().execute(async (trx) => {
        await insertConsents(trx, {
          tenantId,
          profileId,
          consents: [{ purpose: 'marketing', status: 'granted', occurredAt: AT }],
          source: 'test',
          sourceId: null,
        });
        throw new Error('the request failed later');
      }),
    ).rejects.toThrow('the request failed later');
    const changes = await db
      .selectFrom('cdp_changes')
      .select('kind')
      .where('profile_id', '=', profileId)
      .execute();
    expect(changes).toEqual([]);
  });
});

describe('the migration numbering consents', () => {
  it('numbers the rows that exist, despite the append-only trigger', async () => {
    const fresh = await createTestDatabase();
    try {
      const migrator = new Migrator({ db: fresh.db, provider: staticMigrationProvider });
      const before = await migrator.migrateTo('2026_11_23_1300_drop_identifier_hash_index');
      expect(before.error).toBeUndefined();
      const tenant = (await createTenant(fresh.db, { name: 'Before' })).tenantId;
      const rows = ['granted', 'denied'].map((status) => ({
        tenant_id: tenant,
        profile_id: tenant,
        purpose: 'marketing' as const,
        status: status as ConsentStatus,
        occurred_at: AT,
      }));
      await fresh.db.insertInto('cdp_consents').values(rows).execute();

      await migrateToLatest(fresh.db);
      const numbered = await fresh.db
        .selectFrom('cdp_consents')
        .select(['status', 'recorded_seq'])
        .orderBy('recorded_seq')
        .execute();
      expect(numbered).toEqual([
        { status: 'granted', recorded_seq: 1 },
        { status: 'denied', recorded_seq: 2 },
      ]);
      // New rows continue after the existing ones.
      await fresh.db.insertInto('cdp_consents').values(rows[0]!).execute();
      const max = await fresh.db
        .selectFrom('cdp_consents')
        .select((eb) => eb.fn.max('recorded_seq').as('max'))
        .executeTakeFirstOrThrow();
      expect(max.max).toBe(3);
    } finally {
      await fresh.destroy();
    }
  });
});
