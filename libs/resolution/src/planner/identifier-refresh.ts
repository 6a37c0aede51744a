import { identifierKey } from './identifier-key';
import type { IdentifierWrite } from './resolution.types';

/**
 * How precisely an identifier's `last_seen_at` is kept. Every event touches its identifiers,
 * and rewriting a row only to move this time by seconds was most of ingestion's writes; a
 * sighting less than this after the stored one leaves the row alone. The profile's own
 * `last_seen_at` stays exact.
 */
export const IDENTIFIER_LAST_SEEN_RESOLUTION_MS = 60_000;

/** An identifier's row as stored before the batch. */
export interface StoredIdentifier {
  profileId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/**
 * The identifier writes that change something worth storing: new identifiers, those that
 * move to another profile, an earlier first sighting, or a last sighting at least
 * `resolutionMs` after the stored one.
 * @param stored the batch's linked identifiers by identifierKey, as read before planning
 */
export function identifierWritesToApply(
  writes: readonly IdentifierWrite[],
  stored: ReadonlyMap<string, StoredIdentifier>,
  resolutionMs: number = IDENTIFIER_LAST_SEEN_RESOLUTION_MS,
): IdentifierWrite[] {
  return writes.filter((write) => {
    const row = stored.get(identifierKey(write.type, write.hash));
    return (
      row === undefined ||
      row.profileId !== write.profileId ||
      write.firstSeenAt < row.firstSeenAt ||
      write.lastSeenAt.getTime() - row.lastSeenAt.getTime() >= resolutionMs
    );
  });
}
