import { expressionBuilder, sql } from 'kysely';
import { selectCurrentConsents } from '@stratum/db';
import type { ConsentPurpose, Database, Db } from '@stratum/db';

/**
 * The profiles, among `profileIds`, that have currently granted `purpose`: the current
 * decision for it (selectCurrentConsents, the rule the profile API shows), across the
 * profile's survivor and every profile merged into that survivor (consents keep the profile
 * id they were recorded with), is `granted`. A profile with no decision has not granted.
 */
export async function profilesGranting(
  db: Db,
  tenantId: string,
  purpose: ConsentPurpose,
  profileIds: readonly string[],
): Promise<Set<string>> {
  if (profileIds.length === 0) return new Set();
  const survivorAndMerged = sql<string[]>`array_prepend(r.survivor, array(
    SELECT m.profile_id FROM cdp_profiles m
    WHERE m.tenant_id = ${tenantId} AND m.merged_into = r.survivor))`;
  const current = selectCurrentConsents(expressionBuilder<Database>(), {
    tenantId,
    profileIds: survivorAndMerged,
  }).where('c.purpose', '=', purpose);
  const { rows } = await sql<{ profile_id: string }>`
    WITH asked AS (SELECT DISTINCT unnest(${[...profileIds]}::uuid[]) AS profile_id),
    roots AS (
      SELECT a.profile_id, coalesce(p.merged_into, a.profile_id) AS survivor
      FROM asked a
      LEFT JOIN cdp_profiles p ON p.tenant_id = ${tenantId} AND p.profile_id = a.profile_id
    )
    SELECT r.profile_id FROM roots r
    WHERE EXISTS (SELECT 1 FROM (${current}) current_consent
      WHERE current_consent.status = 'granted')`.execute(db);
  return new Set(rows.map((r) => r.profile_id));
}
