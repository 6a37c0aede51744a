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
 * Writes what the plan says about the batch's identifiers, in at most two statements:
 * already-linked ones (`linked`: their keys) get a plain UPDATE (re-pointed by merges, first
 * and last seen widened), new ones an INSERT. Cheaper than upserting all of them: for the
 * usual batch, where most identifiers are known, the upsert paid an insertion attempt
 * before each update.
 */
export async function writeIdentifiers(
  trx: Transaction<Database>,
  tenantId: string,
  identifiers: readonly IdentifierWrite[],
  linked: ReadonlySet<string>,
): Promise<void> {
  const known: IdentifierWrite[] = [];
  const fresh: IdentifierWrite[] = [];
  for (const identifier of identifiers) {
    (linked.has(identifierKey(identifier.type, identifier.hash)) ? known : fresh).push(identifier);
  }
  const updated = await updateIdentifiers(trx, tenantId, known);
  // A linked identifier cannot disappear while we hold its lock; should one ever be missing,
  // the upsert recreates it rather than silently dropping the link.
  await upsertIdentifiers(trx, tenantId, updated === known.length ? fresh : identifiers);
}

function byKey(a: IdentifierWrite, b: IdentifierWrite): number {
  const ka = identifierKey(a.type, a.hash);
  const kb = identifierKey(b.type, b.hash);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

async function updateIdentifiers(
  trx: Transaction<Database>,
  tenantId: string,
  identifiers: readonly IdentifierWrite[],
): Promise<number> {
  if (identifiers.length === 0) return 0;
  const rows = [...identifiers].sort(byKey);
  const result = await sql`
    UPDATE cdp_profile_identifiers i SET
      profile_id = u.p,
      first_seen_at = LEAST(i.first_seen_at, u.f),
      last_seen_at = GREATEST(i.last_seen_at, u.l)
    FROM unnest(
      ${rows.map((r) => r.type)}::text[],
      ${rows.map((r) => r.hash)}::char(64)[],
      ${rows.map((r) => r.profileId)}::uuid[],
      ${rows.map((r) => r.firstSeenAt.toISOString())}::timestamptz[],
      ${rows.map((r) => r.lastSeenAt.toISOString())}::timestamptz[]
    ) AS u(t, h, p, f, l)
    WHERE i.tenant_id = ${tenantId} AND i.identifier_type = u.t AND i.identifier_hash = u.h`.execute(
    trx,
  );
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Links new identifiers (and, should one exist after all, refreshes it) in one statement.
 * Rows go in key order to keep lock order stable between concurrent batches.
 */
async function upsertIdentifiers(
  trx: Transaction<Database>,
  tenantId: string,
  identifiers: readonly IdentifierWrite[],
): Promise<void> {
  if (identifiers.length === 0) return;
  const rows = [...identifiers].sort(byKey);
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
