import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { ConsentPurpose, ConsentStatus, Database } from '@stratum/db';

export interface ConsentWrite {
  purpose: ConsentPurpose;
  status: ConsentStatus;
  occurredAt: Date;
}

export interface CurrentConsent {
  purpose: ConsentPurpose;
  status: ConsentStatus;
  timestamp: string;
  source: string | null;
}

/** Appends consent decisions to the profile's history. */
export async function insertConsents(
  trx: Transaction<Database>,
  tenantId: string,
  profileId: string,
  consents: readonly ConsentWrite[],
  label: { source: string | null; sourceId: string | null },
): Promise<void> {
  await trx
    .insertInto('cdp_consents')
    .values(
      consents.map((c) => ({
        tenant_id: tenantId,
        profile_id: profileId,
        purpose: c.purpose,
        status: c.status,
        occurred_at: c.occurredAt,
        source: label.source,
        source_id: label.sourceId,
      })),
    )
    .execute();
}

/** The latest decision per purpose, across the profile and every profile merged into it. */
export async function findCurrentConsents(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: string,
  profileId: string,
): Promise<CurrentConsent[]> {
  const { rows } = await sql<{
    purpose: ConsentPurpose;
    status: ConsentStatus;
    occurred_at: Date;
    source: string | null;
  }>`
    SELECT DISTINCT ON (c.purpose) c.purpose, c.status, c.occurred_at, c.source
    FROM cdp_consents c
    WHERE c.tenant_id = ${tenantId}
      AND c.profile_id IN (
        SELECT ${profileId}::uuid
        UNION ALL
        SELECT profile_id FROM cdp_profiles WHERE tenant_id = ${tenantId} AND merged_into = ${profileId}::uuid)
    ORDER BY c.purpose, c.occurred_at DESC, c.recorded_at DESC`.execute(db);
  return rows.map((r) => ({
    purpose: r.purpose,
    status: r.status,
    timestamp: r.occurred_at.toISOString(),
    source: r.source,
  }));
}
