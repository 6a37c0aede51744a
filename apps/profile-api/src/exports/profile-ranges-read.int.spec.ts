import { sql } from 'kysely';
import { createDatabase } from '@stratum/db';
import type { Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { ExportProfilesQuery } from '@stratum/schemas';
import { asReadonly } from '../read-only/read-only-db';
import { createTestSegment, planIs } from '../testing/segments';
import { exportProfiles } from './export.service';
import type { ProfileExportOptions } from './export.service';

// Many profiles with ids spread over the whole uuid space, as randomUUID makes them, cut into
// ranges of about 500 rows: some 40 ranges, each connection reading every other one.
const PROFILES = 20_000;
const APP_NAME = 'export-ranges-test';

let database: TestDatabase;
let tenantId: string;
let proSegment: string;

/** The app's read-only pool, of `poolMax` connections. */
function appPool(poolMax = 10) {
  return createDatabase({
    databaseUrl: database.url,
    readOnly: true,
    applicationName: APP_NAME,
    poolMax,
    connectionTimeoutMs: 5_000,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  tenantId = (await createTestTenant(database.db)).tenant.tenantId;
  await sql`
    INSERT INTO cdp_profiles (tenant_id, profile_id, traits, first_seen_at, last_seen_at)
    SELECT ${tenantId}, md5('profile' || i)::uuid,
           jsonb_build_object('plan', (ARRAY['free', 'pro', 'team'])[1 + i % 3], 'n', i),
           '2026-01-01T00:00:00Z'::timestamptz, '2026-01-02T00:00:00Z'::timestamptz
    FROM generate_series(1, ${PROFILES}::int) AS i
  `.execute(database.db);
  await sql`
    INSERT INTO cdp_profile_identifiers
      (tenant_id, identifier_type, identifier_hash, profile_id, first_seen_at, last_seen_at)
    SELECT ${tenantId}, 'email', encode(sha256(convert_to('p' || i || '@example.com', 'UTF8')), 'hex'),
           md5('profile' || i)::uuid, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
    FROM generate_series(1, ${PROFILES}::int) AS i WHERE i % 2 = 0
  `.execute(database.db);
  await sql`
    INSERT INTO cdp_consents (tenant_id, profile_id, purpose, status, occurred_at)
    SELECT ${tenantId}, md5('profile' || i)::uuid, 'marketing',
           CASE WHEN i % 5 = 0 THEN 'denied' ELSE 'granted' END, '2026-01-03T00:00:00Z'
    FROM generate_series(1, ${PROFILES}::int) AS i WHERE i % 7 = 0 OR i % 5 = 0
  `.execute(database.db);
  proSegment = await createTestSegment(database.db, tenantId, {
    name: 'Pro',
    definition: planIs('pro'),
  });
  // The estimate sizes its sample by the table's row count, which ANALYZE records.
  await sql`ANALYZE`.execute(database.db);
}, 120_000);

afterAll(async () => {
  await database.destroy();
});

/** Counts the slots taken and given back. */
function slotCounter(grant = true) {
  const counts = { taken: 0, given: 0 };
  const options: ProfileExportOptions = {
    rangeRows: 500,
    minRanges: 2,
    readAheadRows: 200,
    takeSlot: () => {
      if (!grant) return undefined;
      counts.taken += 1;
      return () => (counts.given += 1);
    },
  };
  return { counts, options };
}

/** The app's sessions in a transaction, as seen from another connection. */
async function sessionsInTransaction(): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${APP_NAME}
      AND xact_start IS NOT NULL
  `.execute(database.db);
  return result.rows[0]!.n;
}

/**
 * Runs an export and returns its text and how many of the app's sessions were in a transaction
 * once its first chunk arrived; `onFirstChunk` runs then, before the rest is read.
 */
async function runExport(
  db: Db,
  query: ExportProfilesQuery,
  options?: ProfileExportOptions,
  onFirstChunk?: () => Promise<void>,
) {
  let text = '';
  let sessions = 0;
  await exportProfiles(
    asReadonly(db),
    tenantId,
    query,
    async (body) => {
      for await (const chunk of body) {
        if (text === '') {
          sessions = await sessionsInTransaction();
          await onFirstChunk?.();
        }
        text += chunk;
      }
    },
    options,
  );
  return { text, sessions };
}

const idsOf = (ndjson: string) =>
  ndjson
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { profile_id: string }).profile_id);

/** Whether every connection of the pool is idle again, within `ms`. */
async function poolSettles(pool: ReturnType<typeof appPool>['pool'], ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (pool.idleCount === pool.totalCount && pool.waitingCount === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('an export read over two connections', () => {
  it.each<[string, Omit<ExportProfilesQuery, 'format'>]>([
    ['every profile', {}],
    ['a segment', { segment: '' }],
    ['a purpose', { purpose: 'marketing' }],
    ['after an id', { after: '7fffffff-0000-4000-8000-000000000000' }],
    ['a segment and a purpose after an id', { segment: '', purpose: 'marketing', after: '4' }],
  ])(
    'writes exactly the rows of one connection, in order: %s',
    async (_, filters) => {
      const query: ExportProfilesQuery = { format: 'ndjson', ...filters };
      if (filters.segment !== undefined) query.segment = proSegment;
      if (filters.after === '4') query.after = '40000000-0000-4000-8000-000000000000';
      const { db } = appPool();
      try {
        const { counts, options } = slotCounter();
        const one = await runExport(db, query);
        const two = await runExport(db, query, options);
        expect([one.sessions, two.sessions]).toEqual([1, 2]);
        expect(two.text).toBe(one.text);
        const ids = idsOf(two.text);
        expect(ids.length).toBeGreaterThan(100);
        expect([...ids].sort()).toEqual(ids);
        expect(counts).toEqual({ taken: 1, given: 1 });
      } finally {
        await db.destroy();
      }
    },
    60_000,
  );

  it('writes CSV the same way', async () => {
    const { db } = appPool();
    try {
      const one = await runExport(db, { format: 'csv' });
      const two = await runExport(db, { format: 'csv' }, slotCounter().options);
      expect(two.sessions).toBe(2);
      expect(two.text).toBe(one.text);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('shows the database as it was when the export began, on both connections', async () => {
    const { db } = appPool();
    const added = ['00', '3f', '80', 'c1', 'ff'].map(
      (prefix) => `${prefix}000000-0000-4000-8000-00000000abcd`,
    );
    try {
      const before = await runExport(db, { format: 'ndjson' });
      const during = await runExport(db, { format: 'ndjson' }, slotCounter().options, async () => {
        // Committed while the export runs, all over the id space, in ranges of both connections.
        await sql`
          INSERT INTO cdp_profiles (tenant_id, profile_id, first_seen_at, last_seen_at)
          SELECT ${tenantId}, id::uuid, now(), now() FROM unnest(${added}::text[]) AS id
        `.execute(database.db);
        await sql`
          UPDATE cdp_profiles SET traits = traits || '{"changed":true}'
          WHERE tenant_id = ${tenantId}
        `.execute(database.db);
      });
      expect(during.sessions).toBe(2);
      expect(during.text).toBe(before.text);
      const after = await runExport(db, { format: 'ndjson' });
      expect(idsOf(after.text)).toEqual(expect.arrayContaining(added));
      expect(after.text).toContain('"changed":true');
      expect(before.text).not.toContain('"changed":true');
    } finally {
      await sql`DELETE FROM cdp_profiles WHERE profile_id = ANY(${added}::uuid[])`.execute(
        database.db,
      );
      await sql`UPDATE cdp_profiles SET traits = traits - 'changed'`.execute(database.db);
      await db.destroy();
    }
  }, 60_000);
});

describe('when there is no second connection', () => {
  it('reads over one when no slot is free', async () => {
    const { db } = appPool();
    try {
      const { counts, options } = slotCounter(false);
      const one = await runExport(db, { format: 'ndjson' });
      const refused = await runExport(db, { format: 'ndjson' }, options);
      expect(refused).toEqual(one);
      expect(counts).toEqual({ taken: 0, given: 0 });
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('reads over one, without waiting for the pool, when every other connection is taken', async () => {
    const { db, pool } = appPool(3);
    let free: () => void = () => undefined;
    const freed = new Promise<void>((resolve) => (free = resolve));
    // The pool's two other connections, held until the export is done.
    const holders = [1, 2].map(() => db.connection().execute(() => freed));
    try {
      while (pool.totalCount < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      const { counts, options } = slotCounter();
      const startedAt = Date.now();
      const full = await runExport(db, { format: 'ndjson' }, options);
      expect(Date.now() - startedAt).toBeLessThan(4_000);
      expect(full.sessions).toBe(1);
      expect(idsOf(full.text)).toHaveLength(PROFILES);
      free();
      await Promise.all(holders);
      // The connection that came late was given back at once, and its slot with it.
      expect(await poolSettles(pool, 5_000)).toBe(true);
      expect(counts).toEqual({ taken: 1, given: 1 });
    } finally {
      free();
      await Promise.all(holders);
      await db.destroy();
    }
  }, 60_000);
});

describe('a failure on the second connection', () => {
  it('aborts the export and leaves no connection behind', async () => {
    const { db, pool } = appPool();
    try {
      const { counts, options } = slotCounter();
      const failed = runExport(db, { format: 'ndjson' }, options, async () => {
        // The second transaction began after the first one.
        await sql`
          SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = ${APP_NAME}
            AND xact_start IS NOT NULL
          ORDER BY xact_start DESC LIMIT 1
        `.execute(database.db);
      });
      await expect(failed).rejects.toThrow();
      expect(await poolSettles(pool, 5_000)).toBe(true);
      expect(await sessionsInTransaction()).toBe(0);
      expect(counts).toEqual({ taken: 1, given: 1 });
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
