import { sql } from 'kysely';
import type { Db } from '../database';
import type { ApiScope } from '@stratum/schemas';
import { isApiScope } from '@stratum/schemas';
import { generateApiKey } from './api-key';
import { isUuid } from './uuid';

export interface CreateApiKeyInput {
  tenantId: string;
  name: string;
  scopes: readonly ApiScope[];
  /** Given: a source's write key (`cdp_wk_`); absent: a secret key (`cdp_sk_`). */
  sourceId?: string;
}

/** A key just created. `key` is the only time the plaintext exists: show it once. */
export interface CreatedApiKey {
  keyId: string;
  key: string;
  keyHint: string;
  scopes: ApiScope[];
}

/** What authentication needs to know about a key, found by its hash. */
export interface ApiKeyLookup {
  tenantId: string;
  keyId: string;
  sourceId: string | null;
  scopes: ApiScope[];
  revokedAt: Date | null;
  /** The key's source, for write keys; `null` for secret keys. */
  source: {
    enabled: boolean;
    defaultCountry: string | null;
    rateLimitPerMinute: number | null;
    allowedOrigins: string[] | null;
  } | null;
}

/**
 * Creates a key and stores only its SHA-256.
 * @throws RangeError when `scopes` is empty or holds an unknown scope (a programming error:
 * callers validate input first)
 */
export async function createApiKey(db: Db, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  if (input.scopes.length === 0 || !input.scopes.every((s) => isApiScope(s))) {
    throw new RangeError('createApiKey: scopes must be a non-empty list of known scopes');
  }
  const scopes = [...new Set(input.scopes)];
  const generated = generateApiKey(input.sourceId === undefined ? 'cdp_sk_' : 'cdp_wk_');
  const row = await db
    .insertInto('cdp_api_keys')
    .values({
      tenant_id: input.tenantId,
      source_id: input.sourceId ?? null,
      name: input.name,
      key_prefix: generated.keyPrefix,
      key_hash: generated.keyHash,
      key_hint: generated.keyHint,
      scopes,
    })
    .returning(['key_id'])
    .executeTakeFirstOrThrow();
  return { keyId: row.key_id, key: generated.key, keyHint: generated.keyHint, scopes };
}

/** Revokes a key of this tenant. `false`: no such key, or it was already revoked. */
export async function revokeApiKey(db: Db, tenantId: string, keyId: string): Promise<boolean> {
  if (!isUuid(tenantId) || !isUuid(keyId)) return false;
  const result = await db
    .updateTable('cdp_api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('key_id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every live key of a source (key rotation); returns how many were revoked. */
export async function revokeSourceKeys(
  db: Db,
  tenantId: string,
  sourceId: string,
): Promise<number> {
  if (!isUuid(tenantId) || !isUuid(sourceId)) return 0;
  const result = await db
    .updateTable('cdp_api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('source_id', '=', sourceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Finds a key by the hash of the presented key, with its source, in one query. Revoked keys
 * are returned too (`revokedAt` set): the caller decides.
 */
export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyLookup | undefined> {
  const row = await db
    .selectFrom('cdp_api_keys as k')
    .leftJoin('cdp_sources as s', (join) =>
      join.onRef('s.tenant_id', '=', 'k.tenant_id').onRef('s.source_id', '=', 'k.source_id'),
    )
    .select([
      'k.tenant_id',
      'k.key_id',
      'k.source_id',
      'k.scopes',
      'k.revoked_at',
      's.enabled',
      's.default_country',
      's.rate_limit_per_minute',
      's.allowed_origins',
    ])
    .where('k.key_hash', '=', keyHash)
    // Hashes are unique per tenant only; a cross-tenant SHA-256 collision is not a real
    // case, but the older key wins deterministically.
    .orderBy('k.created_at')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    tenantId: row.tenant_id,
    keyId: row.key_id,
    sourceId: row.source_id,
    scopes: row.scopes,
    revokedAt: row.revoked_at,
    source:
      row.source_id === null || row.enabled === null
        ? null
        : {
            enabled: row.enabled,
            defaultCountry: row.default_country,
            rateLimitPerMinute: row.rate_limit_per_minute,
            allowedOrigins: row.allowed_origins,
          },
  };
}
