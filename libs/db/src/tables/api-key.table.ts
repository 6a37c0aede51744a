import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ApiScope } from '@stratum/schemas';
import type { GeneratedTimestamp, Timestamp } from './column-types';

/** `cdp_wk_`: a source's write key; `cdp_sk_`: a secret key. */
export const API_KEY_PREFIXES = ['cdp_wk_', 'cdp_sk_'] as const;

export type ApiKeyPrefix = (typeof API_KEY_PREFIXES)[number];

/** `cdp_api_keys`: only the SHA-256 of a key is stored, never the key. */
export interface ApiKeyTable {
  tenant_id: string;
  key_id: Generated<string>;
  source_id: string | null;
  name: string;
  key_prefix: ApiKeyPrefix;
  /** Lowercase hex SHA-256 of the whole key string, prefix included. */
  key_hash: string;
  /** The prefix and the first 4 characters after it, for display. */
  key_hint: string;
  scopes: ApiScope[];
  created_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
}

export type ApiKeyRow = Selectable<ApiKeyTable>;
export type NewApiKeyRow = Insertable<ApiKeyTable>;
export type ApiKeyUpdate = Updateable<ApiKeyTable>;
