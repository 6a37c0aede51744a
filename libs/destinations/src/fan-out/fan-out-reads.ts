import type { Db } from '@stratum/db';
import { DESTINATION_COLUMNS, destinationRowToRecord } from '../destination-row';
import type { DestinationRecord } from '../destination.types';

/** The live, enabled destinations of these tenants, by tenant. */
export async function enabledDestinations(
  db: Db,
  tenantIds: readonly string[],
): Promise<Map<string, DestinationRecord[]>> {
  const byTenant = new Map<string, DestinationRecord[]>();
  if (tenantIds.length === 0) return byTenant;
  const rows = await db
    .selectFrom('cdp_destinations')
    .select(DESTINATION_COLUMNS)
    .where('tenant_id', 'in', tenantIds)
    .where('deleted_at', 'is', null)
    .where('enabled', '=', true)
    .orderBy('created_at')
    .execute();
  for (const row of rows) {
    const list = byTenant.get(row.tenant_id) ?? [];
    list.push(destinationRowToRecord(row));
    byTenant.set(row.tenant_id, list);
  }
  return byTenant;
}
