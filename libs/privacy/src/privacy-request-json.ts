import type { PrivacyRequest } from '@stratum/schemas';
import { describePrivacyRequest } from './describe-privacy-request';
import { visibleProgress } from './erase/erase-progress';
import type { PrivacyRequestRecord } from './privacy-request.record';

/** A request in the wire format (snake_case): the API's answer and the CLI's `--json`. */
export function privacyRequestToJson(request: PrivacyRequestRecord): PrivacyRequest {
  return {
    request_id: request.requestId,
    type: request.type,
    status: request.status,
    identifiers: request.identifiers,
    profiles_affected: request.profilesAffected,
    counts: request.counts,
    progress: visibleProgress(request.progress),
    message: describePrivacyRequest(request),
    error: request.error,
    created_at: request.createdAt.toISOString(),
    started_at: request.startedAt?.toISOString() ?? null,
    finished_at: request.finishedAt?.toISOString() ?? null,
    result_expired_at: request.resultExpiredAt?.toISOString() ?? null,
  };
}
