import { Router } from 'express';
import type { Db } from '@stratum/db';
import { getAuth, parseBody, parseParams, requireScope } from '@stratum/http';
import {
  SEGMENT_PREVIEW_SAMPLE_SIZE,
  SegmentIdParamsSchema,
  SegmentPreviewRequestSchema,
} from '@stratum/schemas';
import type { SegmentDetail, SegmentList, SegmentPreviewResult } from '@stratum/schemas';
import {
  countSegmentMembers,
  createSegment,
  deleteSegment,
  findSegment,
  listSegments,
  previewSegment,
  updateSegment,
} from '@stratum/segments';
import { segmentNotFound, writtenSegment } from './segment-errors';
import { segmentToResponse } from './segment-response';

export interface SegmentsRouteDeps {
  db: Db;
}

/**
 * Segment management (SPEC §17): create, list, get, update (a new version), delete, and
 * preview an unsaved definition. The library parses bodies and writes each version with its
 * members in one transaction, so a refused request leaves nothing behind.
 */
export function segmentsRouter({ db }: SegmentsRouteDeps): Router {
  const router = Router();

  // Registered before the `/segments/:id` routes, so that `preview` is never taken for an id.
  router.post('/segments/preview', requireScope('segments:read'), async (req, res) => {
    const { definition } = parseBody(SegmentPreviewRequestSchema, req.body);
    const preview: SegmentPreviewResult = await previewSegment(
      db,
      getAuth(res).tenantId,
      definition,
      { sampleSize: SEGMENT_PREVIEW_SAMPLE_SIZE },
    );
    res.json(preview);
  });

  router.post('/segments', requireScope('segments:write'), async (req, res) => {
    const created = await createSegment(db, getAuth(res).tenantId, req.body);
    res.status(201).json(segmentToResponse(writtenSegment(created)));
  });

  router.get('/segments', requireScope('segments:read'), async (_req, res) => {
    const segments = await listSegments(db, getAuth(res).tenantId);
    const body: SegmentList = { segments: segments.map(segmentToResponse) };
    res.json(body);
  });

  router.get('/segments/:id', requireScope('segments:read'), async (req, res) => {
    const { tenantId } = getAuth(res);
    const { id } = parseParams(SegmentIdParamsSchema, req.params);
    const segment = await findSegment(db, tenantId, id);
    if (segment === undefined) throw segmentNotFound();
    const body: SegmentDetail = {
      ...segmentToResponse(segment),
      member_count: await countSegmentMembers(db, tenantId, id),
    };
    res.json(body);
  });

  router.put('/segments/:id', requireScope('segments:write'), async (req, res) => {
    const { id } = parseParams(SegmentIdParamsSchema, req.params);
    const updated = await updateSegment(db, getAuth(res).tenantId, id, req.body);
    res.json(segmentToResponse(writtenSegment(updated)));
  });

  router.delete('/segments/:id', requireScope('segments:write'), async (req, res) => {
    const { id } = parseParams(SegmentIdParamsSchema, req.params);
    if (!(await deleteSegment(db, getAuth(res).tenantId, id))) throw segmentNotFound();
    res.status(204).end();
  });

  return router;
}
