import { sql } from 'kysely';
import type { Db } from '../database';
import type { SourceRow, SourceUpdate } from '../tables/source.table';
import type { RepoResult } from './result';
import { isUuid } from './uuid';

/** A source, as TypeScript code sees it. */
export interface SourceRecord {
  tenantId: string;
  sourceId: string;
  name: string;
  enabled: boolean;
  defaultCountry: string | null;
  rateLimitPerMinute: number | null;
  /** Origins (`https://shop.example.com`) whose pages may send events; `null`: any. */
  allowedOrigins: string[] | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateSourceInput {
  tenantId: string;
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  defaultCountry?: string | null;
  rateLimitPerMinute?: number | null;
  allowedOrigins?: string[] | null;
}

/** The fields of a source that may change; `null` clears an optional one. */
export interface SourcePatch {
  name?: string;
  enabled?: boolean;
  defaultCountry?: string | null;
  rateLimitPerMinute?: number | null;
  allowedOrigins?: string[] | null;
}

const UNIQUE_VIOLATION = '23505';

/** Maps a row to a {@link SourceRecord}. */
function sourceRowToRecord(row: SourceRow): SourceRecord {
  return {
    tenantId: row.tenant_id,
    sourceId: row.source_id,
    name: row.name,
    enabled: row.enabled,
    defaultCountry: row.default_country,
    rateLimitPerMinute: row.rate_limit_per_minute,
    allowedOrigins: row.allowed_origins,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Creates a source. A name already used in the tenant is an expected outcome, reported as
 * `SOURCE_NAME_TAKEN` (ON CONFLICT, so a surrounding transaction stays usable).
 */
export async function createSource(
  db: Db,
  input: CreateSourceInput,
): Promise<RepoResult<SourceRecord, 'SOURCE_NAME_TAKEN'>> {
  const row = await db
    .insertInto('cdp_sources')
    .values({
      tenant_id: input.tenantId,
      name: input.name,
      default_country: input.defaultCountry ?? null,
      rate_limit_per_minute: input.rateLimitPerMinute ?? null,
      allowed_origins: input.allowedOrigins ?? null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row
    ? { ok: true, value: sourceRowToRecord(row) }
    : { ok: false, error: 'SOURCE_NAME_TAKEN' };
}

/** Lists a tenant's sources, oldest first. */
export async function listSources(db: Db, tenantId: string): Promise<SourceRecord[]> {
  if (!isUuid(tenantId)) return [];
  const rows = await db
    .selectFrom('cdp_sources')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('source_id')
    .execute();
  return rows.map(sourceRowToRecord);
}

/** Finds a source of this tenant; another tenant's source is not found. */
export async function findSourceById(
  db: Db,
  tenantId: string,
  sourceId: string,
): Promise<SourceRecord | undefined> {
  if (!isUuid(tenantId) || !isUuid(sourceId)) return undefined;
  const row = await db
    .selectFrom('cdp_sources')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return row && sourceRowToRecord(row);
}

/**
 * Changes a source of this tenant. An empty patch only re-reads it.
 * Run outside a transaction you need afterwards: a taken name fails the statement.
 */
export async function updateSource(
  db: Db,
  tenantId: string,
  sourceId: string,
  patch: SourcePatch,
): Promise<RepoResult<SourceRecord, 'SOURCE_NOT_FOUND' | 'SOURCE_NAME_TAKEN'>> {
  if (!isUuid(tenantId) || !isUuid(sourceId)) return { ok: false, error: 'SOURCE_NOT_FOUND' };
  const changes: SourceUpdate = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.enabled !== undefined) changes.enabled = patch.enabled;
  if (patch.defaultCountry !== undefined) changes.default_country = patch.defaultCountry;
  if (patch.rateLimitPerMinute !== undefined) {
    changes.rate_limit_per_minute = patch.rateLimitPerMinute;
  }
  if (patch.allowedOrigins !== undefined) changes.allowed_origins = patch.allowedOrigins;
  try {
    const row = await db
      .updateTable('cdp_sources')
      .set({ ...changes, updated_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('source_id', '=', sourceId)
      .returningAll()
      .executeTakeFirst();
    return row
      ? { ok: true, value: sourceRowToRecord(row) }
      : { ok: false, error: 'SOURCE_NOT_FOUND' };
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) {
      return { ok: false, error: 'SOURCE_NAME_TAKEN' };
    }
    throw error;
  }
}
