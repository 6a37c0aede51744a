import { AppError } from '@stratum/http';
import type { SegmentWriteResult, StoredSegment } from '@stratum/segments';

/** The answer to a segment id that is unknown, deleted or another tenant's: all alike. */
export function segmentNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No segment with this id' });
}

/**
 * The written segment of a library write, or the error to answer with: a refused input is a
 * 400 naming each field by its dotted path (`definition.all.0.op`), as `parseBody` does.
 */
export function writtenSegment(result: SegmentWriteResult): StoredSegment {
  if (result.ok) return result.value;
  if (result.error === 'SEGMENT_NOT_FOUND') throw segmentNotFound();
  throw new AppError('VALIDATION_FAILED', {
    detail: 'The request body is invalid',
    errors: result.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  });
}
