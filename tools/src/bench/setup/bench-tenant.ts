import { sql } from 'kysely';
import { createTenant, maintainPartitions, migrateToLatest, seedTenant } from '@stratum/db';
import type { Db } from '@stratum/db';

/** The tenants of a run and their keys. */
export interface BenchTenants {
  tenantId: string;
  writeKey: string;
  readKey: string;
  /** A second tenant that receives the raw COPY rows, so they never mix with the API's. */
  copyTenantId: string;
  /** A tenant of the same shape for the asynchronous path (202, inbox), checked on its own. */
  asyncTenantId: string;
  asyncWriteKey: string;
}

/**
 * Migrates the database to the latest version, makes sure this month's event partition
 * exists, and creates the run's tenants with a write key and a `profiles:read` key.
 */
export async function prepareDatabase(db: Db, runTag: string): Promise<BenchTenants> {
  await migrateToLatest(db);
  await maintainPartitions(db);
  const seeded = await seedTenant(db, {
    tenantName: `Benchmark ${runTag}`,
    sourceName: 'Benchmark load',
    defaultCountry: 'US',
    secretKeyScopes: ['profiles:read'],
  });
  const copyTenant = await createTenant(db, { name: `Benchmark ${runTag} COPY reference` });
  const asyncTenant = await seedTenant(db, {
    tenantName: `Benchmark ${runTag} inbox`,
    sourceName: 'Benchmark load, answered 202',
    defaultCountry: 'US',
    secretKeyScopes: ['profiles:read'],
  });
  return {
    tenantId: seeded.tenant.tenantId,
    writeKey: seeded.writeKey.key,
    readKey: seeded.secretKey.key,
    copyTenantId: copyTenant.tenantId,
    asyncTenantId: asyncTenant.tenant.tenantId,
    asyncWriteKey: asyncTenant.writeKey.key,
  };
}

/** The server's version and the settings that shape write and read speed. */
export async function readServerSettings(db: Db): Promise<Record<string, string>> {
  const names = [
    'server_version',
    'shared_buffers',
    'synchronous_commit',
    'fsync',
    'wal_level',
    'max_wal_size',
    'checkpoint_timeout',
    'max_connections',
  ];
  const { rows } = await sql<{ name: string; setting: string }>`
    SELECT name, current_setting(name) AS setting FROM unnest(${names}::text[]) AS name`.execute(
    db,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}
