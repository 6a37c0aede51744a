import { Router } from 'express';
import { getAuth, isAppError, parseParams, parseQuery, requireScope } from '@stratum/http';
import type { Metrics } from '@stratum/http';
import {
  ProfileEventsQuerySchema,
  ProfileIdParamsSchema,
  ProfileLookupQuerySchema,
} from '@stratum/schemas';
import { eventsPageOptions } from './events-query';
import { identifierKeyFromQuery } from './identifier-query';
import { getConsentHistory, getProfileEvents } from './profile.service';
import type { CachedProfiles } from '../profile-cache/cached-profiles';
import type { ReadonlyDb } from '../read-only/read-only-db';
import { sendPrivate, sendPrivateJson } from '../http/send-private';

export interface ProfilesRouteDeps {
  db: ReadonlyDb;
  /** Look-ups of one profile, by id or identifier, go through the profile cache. */
  profiles: CachedProfiles;
  metrics: Pick<Metrics, 'profileLookups'>;
}

/** The read-only profile endpoints under /api/v1/cdp, all needing `profiles:read`. */
export function profilesRouter(deps: ProfilesRouteDeps): Router {
  const { db, profiles, metrics } = deps;
  const router = Router();
  router.use('/profiles', requireScope('profiles:read'));

  // Counts look-ups of a profile (by id or identifier) by result, for /metrics.
  const counted = async <T>(lookup: Promise<T>): Promise<T> => {
    try {
      const found = await lookup;
      metrics.profileLookups.inc({ result: 'found' });
      return found;
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') {
        metrics.profileLookups.inc({ result: 'not_found' });
      }
      throw error;
    }
  };

  router.get('/profiles', async (req, res) => {
    const key = identifierKeyFromQuery(parseQuery(ProfileLookupQuerySchema, req.query));
    sendPrivateJson(res, await counted(profiles.byIdentifier(getAuth(res).tenantId, key)));
  });

  router.get('/profiles/:id', async (req, res) => {
    const { id } = parseParams(ProfileIdParamsSchema, req.params);
    sendPrivateJson(res, await counted(profiles.byId(getAuth(res).tenantId, id)));
  });

  router.get('/profiles/:id/events', async (req, res) => {
    const { id } = parseParams(ProfileIdParamsSchema, req.params);
    const options = eventsPageOptions(parseQuery(ProfileEventsQuerySchema, req.query));
    sendPrivate(res, await getProfileEvents(db, getAuth(res).tenantId, id, options));
  });

  router.get('/profiles/:id/consents', async (req, res) => {
    const { id } = parseParams(ProfileIdParamsSchema, req.params);
    sendPrivate(res, await getConsentHistory(db, getAuth(res).tenantId, id));
  });

  return router;
}
