import type { NormalizeOptions } from '@stratum/identity';
import type { RejectionRoute } from '@stratum/schemas';
import type { Issue } from '../identifiers/hash-identifiers';
import { payloadJson, redactEvent } from './redact-event';
import type { RejectedEventEntry } from '@stratum/ingestion';
import { rejectionReason } from './rejection-reason';
import type { RejectionStage } from './rejection-reason';

/** One rejected entry of a request, with where it was refused. */
export interface StagedRejection {
  index: number;
  eventId: string | null;
  errors: Issue[];
  stage: RejectionStage;
  tooLarge?: boolean;
}

/** What the log needs of a request entry: the raw Stratum event, or an already redacted payload. */
export type LoggedPayload = { raw: unknown } | { redacted: unknown };

export interface RejectedEntriesInput {
  route: RejectionRoute;
  sourceId: string | null;
  rejections: readonly StagedRejection[];
  payloadOf: (index: number) => LoggedPayload;
  normalize: NormalizeOptions;
}

/** The log entries of a request's rejections: reason, errors and the payload redacted. */
export function rejectedEntries(input: RejectedEntriesInput): RejectedEventEntry[] {
  return input.rejections.map((r) => {
    const payload = input.payloadOf(r.index);
    const redacted =
      'raw' in payload ? redactEvent(payload.raw, input.normalize) : payload.redacted;
    return {
      sourceId: input.sourceId,
      route: input.route,
      // text columns cannot hold NUL; the id is only for finding the entry.
      eventId: r.eventId === null ? null : r.eventId.replaceAll('\0', '\uFFFD'),
      index: r.index,
      reason: rejectionReason(r.stage, r.errors, r.tooLarge),
      errors: r.errors,
      payloadJson: payloadJson(redacted),
    };
  });
}
