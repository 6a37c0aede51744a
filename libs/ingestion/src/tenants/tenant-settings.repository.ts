import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import type { TenantSettings } from './tenant-settings';

async function readTenantSettings(db: Kysely<Database>, tenantId: string): Promise<TenantSettings> {
  const row = await db
    .selectFrom('cdp_tenants')
    .select(['dedupe_window_days', 'junk_identifier_values', 'identifier_limits'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return {
    dedupeWindowDays: row.dedupe_window_days,
    junkIdentifierValues: row.junk_identifier_values,
    identifierLimits: row.identifier_limits,
  };
}

/**
 * Reads tenant settings through a short-lived in-process cache: they change rarely and
 * are needed on every request, so a round trip per batch would be waste. The cache holds
 * the pending read, so the requests arriving while it runs (hundreds a second when a busy
 * tenant's entry expires) share one query instead of each sending its own.
 */
export function createTenantSettingsReader(db: Kysely<Database>, ttlMs = 30_000) {
  const cache = new Map<string, { settings: Promise<TenantSettings>; expiresAt: number }>();
  return function getTenantSettings(tenantId: string): Promise<TenantSettings> {
    const hit = cache.get(tenantId);
    if (hit && hit.expiresAt > Date.now()) return hit.settings;
    const settings = readTenantSettings(db, tenantId);
    cache.set(tenantId, { settings, expiresAt: Date.now() + ttlMs });
    // A failed read is not kept: the next request tries again.
    settings.catch(() => {
      if (cache.get(tenantId)?.settings === settings) cache.delete(tenantId);
    });
    return settings;
  };
}

export type TenantSettingsReader = ReturnType<typeof createTenantSettingsReader>;
