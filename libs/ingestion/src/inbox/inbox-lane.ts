import { compareIdentifierPriority } from '@stratum/identity';
import type { HashedIdentifier } from '@stratum/resolution';

/**
 * The lane of an event, 0–255 (resolvers split them by lane modulo their count): the first byte of its leading identifier's hash (the one resolution
 * sends a protected event to). A customer's events mostly share that identifier, so they
 * meet in one resolver and seldom wait on each other's identifier locks in two.
 */
export function inboxLaneOf(identifiers: readonly HashedIdentifier[]): number {
  let leading = identifiers[0];
  for (const identifier of identifiers) {
    if (compareIdentifierPriority(identifier.type, leading!.type) < 0) leading = identifier;
  }
  if (leading === undefined) throw new RangeError('an event without identifiers has no lane');
  return Number.parseInt(leading.hash.slice(0, 2), 16);
}
