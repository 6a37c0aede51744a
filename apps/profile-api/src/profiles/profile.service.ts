import { findConsentHistory } from '@stratum/db';
import { AppError } from '@stratum/http';
import { encodeEventCursor } from '@stratum/schemas';
import type { ConsentHistoryResponse, Profile, ProfileEventsPage } from '@stratum/schemas';
import type { ReadonlyDb } from '../read-only/read-only-db';
import { readOnly } from '../read-only/read-only-db';
import { findEventsPage } from './event.repository';
import type { EventsPageOptions } from './events-query';
import type { IdentifierKey } from './identifier.repository';
import {
  consentToHistoryEntry,
  eventRowToProfileEvent,
  profileRowToProfile,
} from './profile.mapping';
import { findProfileById, findProfilesByIdentifier } from './profile-lookup.repository';
import { findProfileScope, scopeIds } from './profile.repository';

// One answer for unknown ids and other tenants' ids, so a key cannot probe another tenant.
function profileNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No profile with this id' });
}

/**
 * The profile of an id, or of the profile it was merged into, read by one statement (so in
 * one snapshot: a merge committing meanwhile cannot tear it).
 * @throws AppError NOT_FOUND for an unknown id or another tenant's
 */
export async function getProfileById(
  db: ReadonlyDb,
  tenantId: string,
  profileId: string,
): Promise<Profile> {
  const profile = await findProfileById(db, tenantId, profileId);
  if (profile === undefined) throw profileNotFound();
  return profileRowToProfile(profile);
}

/**
 * The profile holding a hashed identifier, read by one statement.
 * @throws AppError NOT_FOUND when no profile of the tenant holds it; CONFLICT when a hash
 * given without a type belongs to identifiers of several types on different profiles
 */
export async function getProfileByIdentifier(
  db: ReadonlyDb,
  tenantId: string,
  key: IdentifierKey,
): Promise<Profile> {
  const profiles = await findProfilesByIdentifier(db, tenantId, key);
  if (profiles.length > 1) {
    throw new AppError('CONFLICT', {
      detail:
        'This hash belongs to identifiers of several types on different profiles: add identifier_type',
    });
  }
  const [profile] = profiles;
  if (profile === undefined) {
    throw new AppError('NOT_FOUND', { detail: 'No profile holds this identifier' });
  }
  return profileRowToProfile(profile);
}

/**
 * One page of the events of a profile and of the profiles merged into it, newest first.
 * @throws AppError NOT_FOUND for an unknown id or another tenant's
 */
export async function getProfileEvents(
  db: ReadonlyDb,
  tenantId: string,
  profileId: string,
  options: EventsPageOptions,
): Promise<ProfileEventsPage> {
  const page = await readOnly(db, async (trx) => {
    const scope = await findProfileScope(trx, tenantId, profileId);
    if (scope === undefined) return undefined;
    return findEventsPage(trx, { ...options, tenantId, profileIds: scopeIds(scope) });
  });
  if (page === undefined) throw profileNotFound();
  return {
    events: page.events.map(eventRowToProfileEvent),
    next_cursor: page.next === undefined ? null : encodeEventCursor(page.next),
  };
}

/**
 * The consent history of a profile and of the profiles merged into it, newest first.
 * @throws AppError NOT_FOUND for an unknown id or another tenant's
 */
export async function getConsentHistory(
  db: ReadonlyDb,
  tenantId: string,
  profileId: string,
): Promise<ConsentHistoryResponse> {
  const history = await readOnly(db, async (trx) => {
    const scope = await findProfileScope(trx, tenantId, profileId);
    if (scope === undefined) return undefined;
    const consents = await findConsentHistory(trx, tenantId, scopeIds(scope));
    return { profile_id: scope.profileId, consents: consents.map(consentToHistoryEntry) };
  });
  if (history === undefined) throw profileNotFound();
  return history;
}
