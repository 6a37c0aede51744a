import type { RejectionReason } from '@stratum/schemas';
import type { Issue } from '../identifiers/hash-identifiers';

/** Where on the ingest path an event was refused (`suppression`: not stored, on purpose). */
export type RejectionStage = 'mapping' | 'validation' | 'database' | 'suppression';

/**
 * The one reason logged and counted for a rejected event, from where it was refused and
 * its errors. Of several errors, the first reason in this order wins: the size, then the
 * stage, then identifiers (the usual cause of lost events) before other fields.
 */
export function rejectionReason(
  stage: RejectionStage,
  errors: readonly Issue[],
  tooLarge = false,
): RejectionReason {
  if (tooLarge) return 'too_large';
  if (stage === 'mapping') return 'mapping_failed';
  if (stage === 'database') return 'database_refused';
  if (stage === 'suppression') return 'suppressed';
  if (errors.some((e) => e.path === 'identifiers' && e.message.startsWith('no usable'))) {
    return 'no_usable_identifier';
  }
  if (errors.some((e) => e.path === 'identifiers' || e.path.startsWith('identifiers.'))) {
    return 'invalid_identifier';
  }
  return 'invalid_field';
}
