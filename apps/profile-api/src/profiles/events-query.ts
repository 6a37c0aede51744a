import { AppError } from '@stratum/http';
import { decodeEventCursor } from '@stratum/schemas';
import type { ProfileEventsQuery } from '@stratum/schemas';
import type { EventsPageQuery } from './event.repository';

/** The part of an events page query that does not depend on the profile. */
export type EventsPageOptions = Omit<EventsPageQuery, 'tenantId' | 'profileIds'>;

/**
 * Turns validated query parameters into page options, decoding the opaque cursor. A cursor
 * this API did not make (or one that was altered) is a 400, not an empty page.
 */
export function eventsPageOptions(query: ProfileEventsQuery): EventsPageOptions {
  const after = query.cursor === undefined ? undefined : decodeEventCursor(query.cursor);
  if (query.cursor !== undefined && after === undefined) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'The query parameters are invalid',
      errors: [{ path: 'cursor', message: 'is not a cursor returned by this API' }],
    });
  }
  return { limit: query.limit, after, from: query.from, to: query.to, name: query.name };
}
