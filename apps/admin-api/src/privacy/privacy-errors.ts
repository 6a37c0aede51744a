import { AppError } from '@stratum/http';
import { isQueueMissing } from '@stratum/privacy';
import type { IdentifierIssue, PrivacyRequestRecord } from '@stratum/privacy';

/** The answer to a request id that is unknown or another tenant's: both alike. */
export function privacyRequestNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No privacy request with this id' });
}

/** Why a request has no document to read: not an access request, or not done yet. */
export function noAccessDocument(request: PrivacyRequestRecord): AppError {
  if (request.type !== 'access') {
    return new AppError('NOT_FOUND', { detail: 'Only access requests have a result' });
  }
  return new AppError('CONFLICT', {
    detail:
      request.status === 'failed'
        ? 'The access request failed: it has no document'
        : 'The document is not ready yet: read the request until its status is done',
  });
}

/** A done access request whose document is no longer kept (an erasure deleted it). */
export function accessDocumentGone(): AppError {
  return new AppError('NOT_FOUND', {
    detail: 'The document is no longer kept: submit a new access request',
  });
}

/** A done access request whose document retention deleted: gone for good, and since when. */
export function accessDocumentExpired(expiredAt: Date): AppError {
  return new AppError('GONE', {
    detail: `The document expired on ${expiredAt.toISOString()} and was deleted (access documents are kept a limited number of days): submit a new access request`,
  });
}

/** A 400 naming each identifier that could not be normalized, without quoting it. */
export function invalidIdentifiers(issues: readonly IdentifierIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    detail: 'The request body is invalid',
    errors: [...issues],
  });
}

/**
 * Runs a write that queues a job. Before the worker's first start the job queue is not
 * installed: that is a 503 saying so, and nothing is recorded.
 */
export async function queueing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQueueMissing(error)) throw error;
    throw new AppError('SERVICE_UNAVAILABLE', {
      detail: 'The job queue is not installed yet: start the worker once, then retry',
      cause: error,
      retryAfterSeconds: 30,
    });
  }
}
