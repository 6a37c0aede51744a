import { Router } from 'express';
import { AppError, getAuth, hasScope, parseQuery, requireScope } from '@stratum/http';
import { ExportEventsQuerySchema, ExportProfilesQuerySchema } from '@stratum/schemas';
import { exportEvents, exportProfiles } from './export.service';
import type { ExportSlots } from './export-slots';
import { sendExport } from './send-export';
import type { ReadonlyDb } from '../read-only/read-only-db';

export interface ExportsRouteDeps {
  db: ReadonlyDb;
  slots: ExportSlots;
}

// A UTC time without separators a file system could refuse: 20261125T101502Z.
function fileStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

/** Streamed exports under /api/v1/cdp, all needing `profiles:read`. */
export function exportsRouter(deps: ExportsRouteDeps): Router {
  const { db, slots } = deps;
  const router = Router();
  router.use('/exports', requireScope('profiles:read'));

  router.get('/exports/profiles', async (req, res) => {
    const query = parseQuery(ExportProfilesQuerySchema, req.query);
    const auth = getAuth(res);
    // Membership is segment data: a key that may not read a segment may not export it.
    if (query.segment !== undefined && !hasScope(auth, 'segments:read')) {
      throw new AppError('FORBIDDEN', { detail: 'This API key lacks the scope segments:read' });
    }
    const baseName = `profiles-${fileStamp(new Date())}`;
    await slots.run(() =>
      exportProfiles(
        db,
        auth.tenantId,
        query,
        (body, encoder) => sendExport(res, body, { baseName, encoder }),
        { takeSlot: () => slots.tryExtra() },
      ),
    );
  });

  router.get('/exports/events', async (req, res) => {
    const query = parseQuery(ExportEventsQuerySchema, req.query);
    const baseName = `events-${fileStamp(new Date())}`;
    await slots.run(() =>
      exportEvents(db, getAuth(res).tenantId, query, (body, encoder) =>
        sendExport(res, body, { baseName, encoder }),
      ),
    );
  });

  return router;
}
