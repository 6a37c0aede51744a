import type { ConsentPurpose, ConsentStatus } from '@stratum/db';
import type { ReadonlyTrx } from '../read-only/read-only-db';

/** One recorded consent change. */
export interface ConsentRecord {
  purpose: ConsentPurpose;
  status: ConsentStatus;
  occurredAt: Date;
  recordedAt: Date;
  source: string | null;
}

const COLUMNS = ['purpose', 'status', 'occurred_at', 'recorded_at', 'source'] as const;

function toRecord(row: {
  purpose: ConsentPurpose;
  status: ConsentStatus;
  occurred_at: Date;
  recorded_at: Date;
  source: string | null;
}): ConsentRecord {
  return {
    purpose: row.purpose,
    status: row.status,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    source: row.source,
  };
}

/** Every consent change of a profile and the ids merged into it, newest first. */
export async function findConsentHistory(
  trx: ReadonlyTrx,
  tenantId: string,
  profileIds: readonly string[],
): Promise<ConsentRecord[]> {
  const rows = await trx
    .selectFrom('cdp_consents')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('profile_id', 'in', profileIds)
    .orderBy('occurred_at', 'desc')
    .orderBy('recorded_at', 'desc')
    .orderBy('consent_id', 'desc')
    .execute();
  return rows.map(toRecord);
}
