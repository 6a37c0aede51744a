import { createDatabase } from '@stratum/db';
import type { Db, SeededTenant } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { sql } from 'kysely';
import { asReadonly } from './read-only-db';
import type { ReadonlyDb } from './read-only-db';
import { reusableRead } from './reusable-read';

let database: TestDatabase;
let reader: ReadonlyDb;
let tenants: SeededTenant[];

beforeAll(async () => {
  database = await createTestDatabase();
  reader = asReadonly(database.db);
  tenants = [await createTestTenant(database.db), await createTestTenant(database.db)];
});

afterAll(async () => {
  await database.destroy();
});

describe('reusableRead', () => {
  it('compiles once per handle and runs with each call’s values', async () => {
    let builds = 0;
    const tenantName = reusableRead<{ tenantId: string }, { name: string }>(
      ['tenantId'],
      (db, { tenantId }) => {
        builds += 1;
        return db.selectFrom('cdp_tenants').select('name').where('tenant_id', '=', tenantId);
      },
    );
    for (const { tenant } of [...tenants, ...tenants]) {
      expect(await tenantName(reader, { tenantId: tenant.tenantId })).toEqual([
        { name: tenant.name },
      ]);
    }
    expect(builds).toBe(1);
  });

  it('runs as a prepared statement on a pool that prepares them', async () => {
    const { db } = createDatabase({
      databaseUrl: database.url,
      poolMax: 1,
      preparedStatements: true,
    });
    try {
      const tenantName = reusableRead<{ tenantId: string }, { name: string }>(
        ['tenantId'],
        (rdb, { tenantId }) =>
          rdb.selectFrom('cdp_tenants').select('name').where('tenant_id', '=', tenantId),
      );
      for (const { tenant } of tenants) {
        expect(await tenantName(asReadonly(db), { tenantId: tenant.tenantId })).toEqual([
          { name: tenant.name },
        ]);
      }
      const prepared = await db
        .selectFrom(sql<{ statement: string }>`pg_prepared_statements`.as('p'))
        .select('p.statement')
        .execute();
      expect(prepared).toEqual([{ statement: expect.stringContaining('from "cdp_tenants"') }]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a value that does not reach the query as a parameter', async () => {
    const careless = reusableRead<{ tenantId: string; name: string }, { name: string }>(
      ['tenantId', 'name'],
      (db, { tenantId }) =>
        db.selectFrom('cdp_tenants').select('name').where('tenant_id', '=', tenantId),
    );
    await expect(
      careless(reader, { tenantId: tenants[0]!.tenant.tenantId, name: 'x' }),
    ).rejects.toThrow('not sent as parameters: name');
  });

  it('refuses to run anything but a SELECT', async () => {
    const rename = reusableRead<{ tenantId: string }, never>(['tenantId'], (db, { tenantId }) =>
      (db as unknown as Db)
        .updateTable('cdp_tenants')
        .set({ name: 'Renamed' })
        .where('tenant_id', '=', tenantId),
    );
    const { tenant } = tenants[0]!;
    await expect(rename(reader, { tenantId: tenant.tenantId })).rejects.toThrow('not a SELECT');
    const row = await database.db
      .selectFrom('cdp_tenants')
      .select('name')
      .where('tenant_id', '=', tenant.tenantId)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(tenant.name);
  });
});
