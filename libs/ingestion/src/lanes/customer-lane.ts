import { compareIdentifierPriority } from '@stratum/identity';
import type { HashedIdentifier } from '@stratum/resolution';

/** How many lanes a tenant's customers are spread over (see customerLaneOf). */
export const CUSTOMER_LANES = 256;

/**
 * The lane of an event, 0–255: the first byte of its leading identifier's hash (the one
 * resolution sends a protected event to). A customer's events mostly share that identifier,
 * so they meet in one lane and seldom wait on each other's identifier locks in two. Inbox
 * resolvers and the synchronous path's queue both split a tenant by it.
 */
export function customerLaneOf(identifiers: readonly HashedIdentifier[]): number {
  let leading = identifiers[0];
  for (const identifier of identifiers) {
    if (compareIdentifierPriority(identifier.type, leading!.type) < 0) leading = identifier;
  }
  if (leading === undefined) throw new RangeError('an event without identifiers has no lane');
  return Number.parseInt(leading.hash.slice(0, 2), 16);
}

/**
 * Which of `lanes` lanes a request of several events goes to: the one most of its events
 * fall in (customerLaneOf modulo `lanes`; a tie goes to the lower lane), so requests that
 * share a busy customer tend to meet in one lane. An event without identifiers counts for
 * none; a request with no such event goes to lane 0.
 */
export function requestLaneOf(
  events: readonly { identifiers: readonly HashedIdentifier[] }[],
  lanes: number,
): number {
  if (lanes <= 1) return 0;
  const counts = new Array<number>(lanes).fill(0);
  for (const event of events) {
    if (event.identifiers.length > 0) counts[customerLaneOf(event.identifiers) % lanes]! += 1;
  }
  let best = 0;
  for (let lane = 1; lane < lanes; lane++) if (counts[lane]! > counts[best]!) best = lane;
  return best;
}
