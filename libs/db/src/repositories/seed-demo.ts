import type { Db } from '../database';
import type { ApiScope } from '@stratum/schemas';
import { createApiKey } from './api-key.repository';
import type { CreatedApiKey } from './api-key.repository';
import { createSource } from './source.repository';
import type { SourceRecord } from './source.repository';
import { createTenant } from './tenant.repository';
import type { TenantRecord } from './tenant.repository';

export const DEMO_TENANT_NAME = 'Demo Company';
const DEMO_SOURCE_NAME = 'Demo Website';

/** What the demo secret key may do: everything the dashboard and the demo scripts need. */
export const DEMO_SECRET_KEY_SCOPES: readonly ApiScope[] = [
  'profiles:read',
  'sources:read',
  'sources:write',
  'consents:write',
  'segments:read',
  'segments:write',
  'destinations:write',
  'privacy:write',
  'profiles:write',
];

/** A tenant with one source, its write key and a secret key. */
export interface SeededTenant {
  tenant: TenantRecord;
  source: SourceRecord;
  writeKey: CreatedApiKey;
  secretKey: CreatedApiKey;
}

export interface SeedTenantInput {
  tenantName: string;
  dedupeWindowDays?: number;
  sourceName: string;
  defaultCountry?: string | null;
  rateLimitPerMinute?: number | null;
  secretKeyScopes: readonly ApiScope[];
}

/**
 * Creates a tenant, a source, the source's write key and a secret key, in one transaction
 * (or inside the caller's).
 */
export async function seedTenant(db: Db, input: SeedTenantInput): Promise<SeededTenant> {
  const seed = async (trx: Db): Promise<SeededTenant> => {
    const tenant = await createTenant(trx, {
      name: input.tenantName,
      dedupeWindowDays: input.dedupeWindowDays,
    });
    const created = await createSource(trx, {
      tenantId: tenant.tenantId,
      name: input.sourceName,
      defaultCountry: input.defaultCountry,
      rateLimitPerMinute: input.rateLimitPerMinute,
    });
    // The tenant is new, so its first source name cannot be taken.
    if (!created.ok) throw new Error('seedTenant: the new tenant already has this source');
    const source = created.value;
    const writeKey = await createApiKey(trx, {
      tenantId: tenant.tenantId,
      sourceId: source.sourceId,
      name: `${source.name} write key`,
      scopes: ['events:write'],
    });
    const secretKey = await createApiKey(trx, {
      tenantId: tenant.tenantId,
      name: `${tenant.name} secret key`,
      scopes: input.secretKeyScopes,
    });
    return { tenant, source, writeKey, secretKey };
  };
  return db.isTransaction ? seed(db) : db.transaction().execute(seed);
}

/**
 * Creates the demo tenant "Demo Company" with the source "Demo Website" (default country
 * US), its write key and a secret key (profiles:read, sources:read, sources:write,
 * consents:write, segments:read, segments:write, destinations:write). Not idempotent: check
 * {@link findTenantByName} first.
 */
export async function seedDemo(db: Db): Promise<SeededTenant> {
  return seedTenant(db, {
    tenantName: DEMO_TENANT_NAME,
    sourceName: DEMO_SOURCE_NAME,
    defaultCountry: 'US',
    secretKeyScopes: DEMO_SECRET_KEY_SCOPES,
  });
}
