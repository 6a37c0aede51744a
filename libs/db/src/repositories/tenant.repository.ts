import type { Db } from '../database';
import type { IdentifierLimits, TenantRow } from '../tables/tenant.table';
import { isUuid } from './uuid';

/** A tenant, as TypeScript code sees it. */
export interface TenantRecord {
  tenantId: string;
  name: string;
  dedupeWindowDays: number;
  junkIdentifierValues: string[];
  identifierLimits: IdentifierLimits;
  createdAt: Date;
}

export interface CreateTenantInput {
  name: string;
  /** 1 to 365; the database default is 7. */
  dedupeWindowDays?: number;
}

function tenantRowToRecord(row: TenantRow): TenantRecord {
  return {
    tenantId: row.tenant_id,
    name: row.name,
    dedupeWindowDays: row.dedupe_window_days,
    junkIdentifierValues: row.junk_identifier_values,
    identifierLimits: row.identifier_limits,
    createdAt: row.created_at,
  };
}

/** Creates a tenant. */
export async function createTenant(db: Db, input: CreateTenantInput): Promise<TenantRecord> {
  const row = await db
    .insertInto('cdp_tenants')
    .values({ name: input.name, dedupe_window_days: input.dedupeWindowDays })
    .returningAll()
    .executeTakeFirstOrThrow();
  return tenantRowToRecord(row);
}

/** Finds a tenant by id; `undefined` when there is none (or the id is not a UUID). */
export async function findTenantById(db: Db, tenantId: string): Promise<TenantRecord | undefined> {
  if (!isUuid(tenantId)) return undefined;
  const row = await db
    .selectFrom('cdp_tenants')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row && tenantRowToRecord(row);
}

/** Finds the oldest tenant with this exact name (names are not unique). */
export async function findTenantByName(db: Db, name: string): Promise<TenantRecord | undefined> {
  const row = await db
    .selectFrom('cdp_tenants')
    .selectAll()
    .where('name', '=', name)
    .orderBy('created_at')
    .orderBy('tenant_id')
    .limit(1)
    .executeTakeFirst();
  return row && tenantRowToRecord(row);
}
