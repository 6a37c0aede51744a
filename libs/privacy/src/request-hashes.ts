import type { NormalizedIdentifier } from '@stratum/identity';
import type { PrivacyRequestRecord } from './privacy-request.record';

/** The identifiers of a request that still have their hash (an erasure drops them). */
export function requestHashes(request: PrivacyRequestRecord): NormalizedIdentifier[] {
  return request.identifiers.flatMap((i) =>
    i.hash === null ? [] : [{ type: i.type, hash: i.hash }],
  );
}
