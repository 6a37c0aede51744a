import type { JsonObject } from '@stratum/db';
import type { NormalizedIdentifier } from '@stratum/identity';

/** Where an erasure is, kept on the request between its steps so a new run resumes it. */
export interface EraseProgress {
  step: 'identifiers' | 'events' | 'others' | 'rest';
  /** Every profile erased: the survivors and all merged into them. */
  profile_ids: string[];
  /** How many of the request's identifiers a profile held when it started. */
  matched: number;
  /** Every identifier those profiles held, and the request's own: what must not remain. */
  hashes: NormalizedIdentifier[];
  identifiers: number;
  events: number;
  dedupe_keys: number;
  /** Partitions whose events of other profiles no longer carry the hashes (step `others`). */
  partitions_done?: string[];
  /** Events of other profiles that carried one of the hashes, and no longer do. */
  other_events?: number;
}

/** The progress stored on a request, if it is an erasure's. */
export function readEraseProgress(progress: JsonObject | null): EraseProgress | undefined {
  if (progress === null || !Array.isArray(progress['profile_ids'])) return undefined;
  return progress as unknown as EraseProgress;
}

/** What the API shows of the progress: counts only (the stored one carries the hashes). */
export function visibleProgress(progress: JsonObject | null): JsonObject | null {
  const erase = readEraseProgress(progress);
  if (erase === undefined) return progress;
  return {
    step: erase.step,
    profiles: erase.profile_ids.length,
    identifiers: erase.identifiers,
    events: erase.events,
    dedupe_keys: erase.dedupe_keys,
  };
}
