import { randomUUID } from 'node:crypto';
import { normalizeIdentifier, sha256Hex } from '@stratum/identity';
import type { IdentifierType } from '@stratum/db';
import type { HashedIdentifier } from '@stratum/resolution';
import type { NormalizedEvent } from './store/normalized-event';

/**
 * A validated track event as the ingest API hands it on, for tests of what comes after
 * validation (the inbox, its resolver): identified by the hash of `email`.
 */
export function validatedEvent(
  email: string,
  options: {
    index?: number;
    eventId?: string;
    traits?: Record<string, unknown>;
    /** More identifiers of the event, normalized and hashed as the API does. */
    also?: readonly { type: IdentifierType; value: string }[];
  } = {},
): NormalizedEvent {
  const eventId = options.eventId ?? randomUUID();
  const occurredAt = new Date();
  const identifiers: HashedIdentifier[] = [
    { type: 'email', hash: sha256Hex(email) },
    ...(options.also ?? []).map(hashedIdentifier),
  ];
  const traits = options.traits ?? null;
  const json = JSON.stringify;
  return {
    index: options.index ?? 0,
    eventId,
    type: 'track',
    name: 'Order Completed',
    occurredAt,
    sentAt: null,
    identifiers,
    traits,
    rowJson:
      `{"e":${json(eventId)},"o":${json(occurredAt.toISOString())},"s":null,"t":"track",` +
      `"n":"Order Completed","i":${json(identifiers)},"tr":${json(traits)},"pr":{},"c":{}`,
    warnings: [],
  };
}

function hashedIdentifier(identifier: { type: IdentifierType; value: string }): HashedIdentifier {
  const result = normalizeIdentifier(identifier);
  if (!result.ok) throw new Error(`validatedEvent: invalid ${identifier.type} in test data`);
  return { type: result.identifier.type, hash: result.identifier.hash };
}
