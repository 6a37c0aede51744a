import { Router } from 'express';
import type { Db } from '@stratum/db';
import { AppError, getAuth, parseBody, parseParams, requireScope } from '@stratum/http';
import { splitMerge } from '@stratum/resolution';
import { ProfileIdParamsSchema, ProfileSplitInputSchema } from '@stratum/schemas';
import type { ProfileSplitResult } from '@stratum/schemas';

export interface SplitRouteDeps {
  db: Db;
}

/**
 * Splitting a wrong merge (SPEC §13 and §17). The profile is the survivor the merge is now
 * part of, as the profile API lists it with its `merges`; any other profile, another
 * tenant's, or a merge already split is a 404, alike.
 */
export function splitRouter({ db }: SplitRouteDeps): Router {
  const router = Router();

  router.post('/profiles/:id/split', requireScope('profiles:write'), async (req, res) => {
    const { id } = parseParams(ProfileIdParamsSchema, req.params);
    const { merge_id } = parseBody(ProfileSplitInputSchema, req.body);
    const result = await splitMerge(db, {
      tenantId: getAuth(res).tenantId,
      profileId: id,
      mergeId: merge_id,
    });
    if (result.outcome === 'not_found') {
      throw new AppError('NOT_FOUND', { detail: 'This profile has no merge with this id' });
    }
    if (result.outcome === 'no_identifiers') {
      throw new AppError('CONFLICT', {
        detail:
          'This merge was recorded before merges kept their identifiers: what to give back is unknown, so it cannot be split',
      });
    }
    const answer: ProfileSplitResult = {
      profile_id: result.profileId,
      restored_profile_id: result.restoredProfileId,
      identifiers_moved: result.identifiersMoved,
      events_moved: result.eventsMoved,
    };
    res.json(answer);
  });

  return router;
}
