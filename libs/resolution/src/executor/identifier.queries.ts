import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database } from '@stratum/db';
import type { IdentifierType } from '@stratum/identity';
import { identifierKey } from '../planner/identifier-key';
import type { HashedIdentifier, IdentifierWrite } from '../planner/resolution.types';

/**
 * identifierKey → profile id for those of `identifiers` that are already linked. The hashes
 * go in as char(64), the column's type: compared as text, the column would be cast and
 * neither index could serve the join (a sequential scan of every identifier, per batch).
 */
export async function findLinks(
  trx: Transaction<Database>,
  tenantId: string,
  identifiers: readonly HashedIdentifier[],
): Promise<Map<string, string>> {
  if (identifiers.length === 0) return new Map();
  const { rows } = await sql<{
    identifier_type: IdentifierType;
    identifier_hash: string;
    profile_id: string;
  }>`
    SELECT i.identifier_type, i.identifier_hash, i.profile_id
    FROM cdp_profile_identifiers i
    JOIN unnest(${identifiers.map((i) => i.type)}::text[], ${identifiers.map((i) => i.hash)}::char(64)[])
      AS wanted(identifier_type, identifier_hash)
      ON i.identifier_type = wanted.identifier_type AND i.identifier_hash = wanted.identifier_hash
    WHERE i.tenant_id = ${tenantId}`.execute(trx);
  return new Map(
    rows.map((r) => [identifierKey(r.identifier_type, r.identifier_hash), r.profile_id]),
  );
}

/**
 * Links new identifiers and refreshes known ones in one statement: the profile id becomes the
 * planned one (merges re-point), first/last seen widen. Rows go in key order to keep lock
 * order stable between concurrent batches.
 */
export async function upsertIdentifiers(
  trx: Transaction<Database>,
  tenantId: string,
  identifiers: readonly IdentifierWrite[],
): Promise<void> {
  if (identifiers.length === 0) return;
  const rows = [...identifiers].sort((a, b) =>
    identifierKey(a.type, a.hash).localeCompare(identifierKey(b.type, b.hash)),
  );
  await sql`
    INSERT INTO cdp_profile_identifiers
      (tenant_id, identifier_type, identifier_hash, profile_id, first_seen_at, last_seen_at)
    SELECT ${tenantId}, t, h, p, f, l
    FROM unnest(
      ${rows.map((r) => r.type)}::text[],
      ${rows.map((r) => r.hash)}::text[],
      ${rows.map((r) => r.profileId)}::uuid[],
      ${rows.map((r) => r.firstSeenAt.toISOString())}::timestamptz[],
      ${rows.map((r) => r.lastSeenAt.toISOString())}::timestamptz[]
    ) AS u(t, h, p, f, l)
    ON CONFLICT (tenant_id, identifier_type, identifier_hash) DO UPDATE SET
      profile_id = EXCLUDED.profile_id,
      first_seen_at = LEAST(cdp_profile_identifiers.first_seen_at, EXCLUDED.first_seen_at),
      last_seen_at = GREATEST(cdp_profile_identifiers.last_seen_at, EXCLUDED.last_seen_at)`.execute(
    trx,
  );
}
