import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import type { TenantSettings } from './tenant-settings';

/**
 * Reads tenant settings through a short-lived in-process cache: they change rarely and
 * are needed on every request, so a round trip per batch would be waste.
 */
export function createTenantSettingsReader(db: Kysely<Database>, ttlMs = 30_000) {
  const cache = new Map<string, { settings: TenantSettings; expiresAt: number }>();
  return async function getTenantSettings(tenantId: string): Promise<TenantSettings> {
    const hit = cache.get(tenantId);
    if (hit && hit.expiresAt > Date.now()) return hit.settings;
    const row = await db
      .selectFrom('cdp_tenants')
      .select(['dedupe_window_days', 'junk_identifier_values', 'identifier_limits'])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const settings: TenantSettings = {
      dedupeWindowDays: row.dedupe_window_days,
      junkIdentifierValues: row.junk_identifier_values,
      identifierLimits: row.identifier_limits,
    };
    cache.set(tenantId, { settings, expiresAt: Date.now() + ttlMs });
    return settings;
  };
}

export type TenantSettingsReader = ReturnType<typeof createTenantSettingsReader>;
