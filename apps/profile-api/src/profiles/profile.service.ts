import { AppError } from '@stratum/http';
import type { ConsentHistoryResponse, Profile, ProfileEventsPage } from '@stratum/schemas';
import type { ReadonlyDb, ReadonlyTrx } from '../read-only/read-only-db';
import { readOnly } from '../read-only/read-only-db';
import { findConsentHistory, findCurrentConsents } from './consent.repository';
import { encodeCursor } from './event-cursor';
import { findEventsPage } from './event.repository';
import type { EventsPageOptions } from './events-query';
import { findProfileIdsByIdentifier } from './identifier.repository';
import type { IdentifierKey } from './identifier.repository';
import {
  consentToHistoryEntry,
  eventRowToProfileEvent,
  profileRowToProfile,
} from './profile.mapping';
import {
  findProfileIdentifiers,
  findProfileRecord,
  findProfileScope,
  scopeIds,
} from './profile.repository';

// One answer for unknown ids and other tenants' ids, so a key cannot probe another tenant.
function profileNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No profile with this id' });
}

async function loadProfile(
  trx: ReadonlyTrx,
  tenantId: string,
  profileId: string,
): Promise<Profile | undefined> {
  const record = await findProfileRecord(trx, tenantId, profileId);
  if (record === undefined) return undefined;
  const identifiers = await findProfileIdentifiers(trx, tenantId, record.profileId);
  const consents = await findCurrentConsents(trx, tenantId, scopeIds(record));
  return profileRowToProfile(record, identifiers, consents);
}

/**
 * The profile of an id, or of the profile it was merged into, read in one read-only
 * snapshot.
 * @throws AppError NOT_FOUND for an unknown id or another tenant's
 */
export async function getProfileById(
  db: ReadonlyDb,
  tenantId: string,
  profileId: string,
): Promise<Profile> {
  const profile = await readOnly(db, (trx) => loadProfile(trx, tenantId, profileId));
  if (profile === undefined) throw profileNotFound();
  return profile;
}

/**
 * The profile holding a hashed identifier.
 * @throws AppError NOT_FOUND when no profile of the tenant holds it; CONFLICT when a hash
 * given without a type belongs to identifiers of several types on different profiles
 */
export async function getProfileByIdentifier(
  db: ReadonlyDb,
  tenantId: string,
  key: IdentifierKey,
): Promise<Profile> {
  const profile = await readOnly(db, async (trx) => {
    const ids = await findProfileIdsByIdentifier(trx, tenantId, key);
    if (ids.length > 1) {
      throw new AppError('CONFLICT', {
        detail:
          'This hash belongs to identifiers of several types on different profiles: add identifier_type',
      });
    }
    const [profileId] = ids;
    return profileId === undefined ? undefined : loadProfile(trx, tenantId, profileId);
  });
  if (profile === undefined) {
    throw new AppError('NOT_FOUND', { detail: 'No profile holds this identifier' });
  }
  return profile;
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
    next_cursor: page.next === undefined ? null : encodeCursor(page.next),
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
