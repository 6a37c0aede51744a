import type { Segment } from '@stratum/schemas';
import type { StoredSegment } from '@stratum/segments';

/** A stored segment as the API shows it. */
export function segmentToResponse(segment: StoredSegment): Segment {
  return {
    segment_id: segment.segmentId,
    name: segment.name,
    version: segment.version,
    definition: segment.definition,
    created_at: segment.createdAt.toISOString(),
    updated_at: segment.updatedAt.toISOString(),
  };
}
