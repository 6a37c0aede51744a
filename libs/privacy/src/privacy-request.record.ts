import type {
  JsonObject,
  PrivacyRequestIdentifier,
  PrivacyRequestRow,
  PrivacyRequestStatus,
  PrivacyRequestType,
} from '@stratum/db';

/** A privacy request, as the library hands it out. */
export interface PrivacyRequestRecord {
  tenantId: string;
  requestId: string;
  type: PrivacyRequestType;
  status: PrivacyRequestStatus;
  identifiers: PrivacyRequestIdentifier[];
  profilesAffected: number | null;
  counts: Record<string, number>;
  progress: JsonObject | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** When retention deleted an access request's document. */
  resultExpiredAt: Date | null;
}

/** Maps a `cdp_privacy_requests` row. */
export function privacyRequestRowToRecord(row: PrivacyRequestRow): PrivacyRequestRecord {
  return {
    tenantId: row.tenant_id,
    requestId: row.request_id,
    type: row.type,
    status: row.status,
    identifiers: row.identifiers,
    profilesAffected: row.profiles_affected,
    counts: row.counts,
    progress: row.progress,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    resultExpiredAt: row.result_expired_at,
  };
}
