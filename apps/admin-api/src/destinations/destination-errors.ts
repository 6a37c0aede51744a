import { isQueueMissing } from '@stratum/destinations';
import type { UnknownSegments } from '@stratum/destinations';
import { AppError } from '@stratum/http';
import { checkDestinationUrl } from '@stratum/webhooks';
import type { RefusedDestination } from '@stratum/webhooks';

/** The answer to a destination id that is unknown, deleted or another tenant's: all alike. */
export function destinationNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No destination with this id' });
}

export function deliveryNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No delivery with this id for this destination' });
}

/** Test sends and replays go to enabled destinations only. */
export function destinationDisabled(): AppError {
  return new AppError('CONFLICT', {
    detail: 'The destination is disabled: enable it first (PATCH with "enabled": true)',
  });
}

const REFUSED: Record<RefusedDestination, string> = {
  not_a_url: 'must be an absolute http(s) URL',
  scheme: 'must use http or https',
  credentials: 'must not hold a user name or password',
  private_address:
    'must not be a private, loopback or link-local address (DESTINATIONS_ALLOW_PRIVATE is off)',
  local_name: 'must not name a local host (DESTINATIONS_ALLOW_PRIVATE is off)',
};

/** Refuses a destination URL the platform must not call (no SSRF): a 400 naming `url`. */
export function assertDestinationUrl(url: string, allowPrivate: boolean): void {
  const check = checkDestinationUrl(url, allowPrivate);
  if (check.ok) return;
  throw new AppError('VALIDATION_FAILED', {
    detail: 'The request body is invalid',
    errors: [{ path: 'url', message: REFUSED[check.reason] }],
  });
}

/** A 400 naming each listed segment that is not a live segment of the tenant. */
export function unknownSegments(result: UnknownSegments): AppError {
  return new AppError('VALIDATION_FAILED', {
    detail: 'The request body is invalid',
    errors: result.indexes.map((index) => ({
      path: `segments.${index}`,
      message: 'is not a segment of this tenant',
    })),
  });
}

/**
 * Runs a write that queues deliveries. Before the worker's first start the job queue is not
 * installed: that is a 503 saying so, not an unexplained 500.
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
