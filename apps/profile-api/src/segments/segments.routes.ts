import { Router } from 'express';
import { getAuth, parseParams, parseQuery, requireScope } from '@stratum/http';
import {
  SegmentChangesQuerySchema,
  SegmentIdParamsSchema,
  SegmentMembersQuerySchema,
} from '@stratum/schemas';
import type { ReadonlyDb } from '../read-only/read-only-db';
import { changesPageOptions, membersPageOptions } from './segment-page-query';
import { getSegmentChanges, getSegmentMembers } from './segment.service';
import { sendPrivate } from '../http/send-private';

export interface SegmentsRouteDeps {
  db: ReadonlyDb;
}

/** A segment's members and membership log under /api/v1/cdp, both needing `segments:read`. */
export function segmentsRouter(deps: SegmentsRouteDeps): Router {
  const { db } = deps;
  const router = Router();
  router.use('/segments', requireScope('segments:read'));

  router.get('/segments/:id/members', async (req, res) => {
    const { id } = parseParams(SegmentIdParamsSchema, req.params);
    const options = membersPageOptions(parseQuery(SegmentMembersQuerySchema, req.query));
    sendPrivate(res, await getSegmentMembers(db, getAuth(res).tenantId, id, options));
  });

  router.get('/segments/:id/changes', async (req, res) => {
    const { id } = parseParams(SegmentIdParamsSchema, req.params);
    const options = changesPageOptions(parseQuery(SegmentChangesQuerySchema, req.query));
    sendPrivate(res, await getSegmentChanges(db, getAuth(res).tenantId, id, options));
  });

  return router;
}
