import type { ColumnType, Insertable, Selectable } from 'kysely';
import type {
  GeneratedJsonObjectColumn,
  GeneratedTimestamp,
  JsonArrayColumn,
  JsonObject,
  Timestamp,
} from './column-types';
import type { IdentifierType } from './profile-identifier.table';
import type { PrivacyRequestStatus, PrivacyRequestType } from '@stratum/schemas';

export type { PrivacyRequestStatus, PrivacyRequestType } from '@stratum/schemas';

/** An identifier of a request, as stored: its hash, or null once an erasure dropped it. */
export interface PrivacyRequestIdentifier {
  type: IdentifierType;
  hash: string | null;
}

/**
 * `cdp_privacy_requests`: every privacy request, its own audit record (hashes only, see the
 * migration 2026_11_24_1440_create_privacy).
 */
export interface PrivacyRequestTable {
  tenant_id: string;
  request_id: ColumnType<string, string | undefined, never>;
  type: PrivacyRequestType;
  status: ColumnType<PrivacyRequestStatus, PrivacyRequestStatus | undefined, PrivacyRequestStatus>;
  identifiers: JsonArrayColumn<PrivacyRequestIdentifier>;
  profiles_affected: number | null;
  /** What the request did, by what (`events`, `suppressions_added`…). */
  counts: GeneratedJsonObjectColumn<Record<string, number>>;
  /** What a running request has done so far; kind-specific. */
  progress: ColumnType<JsonObject | null, string | null | undefined, string | null>;
  error: string | null;
  created_at: GeneratedTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** When retention deleted an access request's document (see expireAccessResults). */
  result_expired_at: Timestamp | null;
}

export type PrivacyRequestRow = Selectable<PrivacyRequestTable>;
export type NewPrivacyRequestRow = Insertable<PrivacyRequestTable>;

/** `cdp_suppressions`: identifiers whose events are not stored. */
export interface SuppressionTable {
  tenant_id: string;
  identifier_type: IdentifierType;
  identifier_hash: string;
  /** The suppress request that added it. */
  request_id: string | null;
  created_at: GeneratedTimestamp;
}

export type SuppressionRow = Selectable<SuppressionTable>;

/** `cdp_privacy_results`: an access request's document, as JSON fragments read in `part` order. */
export interface PrivacyResultTable {
  tenant_id: string;
  request_id: string;
  part: number;
  body: string;
}
