import { Router } from 'express';
import { findSourceById, listVolumeAnomalies } from '@stratum/db';
import type { Db, VolumeAnomalyRow } from '@stratum/db';
import { AppError, getAuth, parseQuery, requireScope } from '@stratum/http';
import { AnomaliesQuerySchema, SourceQualityQuerySchema } from '@stratum/schemas';
import type { VolumeAnomaly, VolumeAnomalyList } from '@stratum/schemas';
import { decodeAnomalyCursor, encodeAnomalyCursor } from './anomaly-cursor';
import { readSourceQuality } from './source-quality';

export interface QualityRouteDeps {
  db: Db;
}

/**
 * GET /sources/{id}/quality and GET /anomalies: what the worker's source-hours task
 * summarised and flagged. Read only; another tenant's source is a 404.
 */
export function qualityRouter({ db }: QualityRouteDeps): Router {
  const router = Router();

  router.get('/sources/:id/quality', requireScope('sources:read'), async (req, res) => {
    const { tenantId } = getAuth(res);
    const query = parseQuery(SourceQualityQuerySchema, req.query);
    const source = await findSourceById(db, tenantId, req.params.id as string);
    if (source === undefined) throw new AppError('NOT_FOUND', { detail: 'No source with this id' });
    res.json(
      await readSourceQuality(db, { tenantId, sourceId: source.sourceId, days: query.days }),
    );
  });

  router.get('/anomalies', requireScope('sources:read'), async (req, res) => {
    const query = parseQuery(AnomaliesQuerySchema, req.query);
    const before = query.cursor === undefined ? undefined : decodeAnomalyCursor(query.cursor);
    if (query.cursor !== undefined && before === undefined) {
      throw new AppError('VALIDATION_FAILED', {
        detail: 'The query parameters are invalid',
        errors: [{ path: 'cursor', message: 'is not a cursor returned by this API' }],
      });
    }
    // One row more than the page tells whether another page follows.
    const rows = await listVolumeAnomalies(db, {
      tenantId: getAuth(res).tenantId,
      sourceId: query.source_id,
      since: query.since === undefined ? undefined : new Date(query.since),
      before,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const body: VolumeAnomalyList = {
      anomalies: page.map(anomalyToResponse),
      next_cursor:
        rows.length > query.limit && last !== undefined
          ? encodeAnomalyCursor({ hour: last.hour, sourceId: last.source_id, kind: last.kind })
          : null,
    };
    res.json(body);
  });
  return router;
}

function anomalyToResponse(row: VolumeAnomalyRow): VolumeAnomaly {
  return {
    source_id: row.source_id,
    hour: row.hour.toISOString(),
    kind: row.kind as VolumeAnomaly['kind'],
    severity: row.severity as VolumeAnomaly['severity'],
    count: row.count,
    expected: row.expected,
    score: row.score,
    detected_at: row.detected_at.toISOString(),
  };
}
