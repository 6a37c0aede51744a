import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import { AppError, getAuth, requireEnabledSource, requireScope } from '@stratum/http';
import type { Metrics } from '@stratum/http';
import { MAX_EVENT_BYTES } from '@stratum/schemas';
import type { BatchResponse } from '@stratum/schemas';
import type { TenantSettingsReader } from '../tenants/tenant-settings.repository';
import { createIngestQueue } from './ingest-queue';
import { normalizeEvents } from './normalize-events';
import type { EventCheck } from './normalize-event';
import { readEnvelope } from './read-envelope';

export interface EventsRouteDeps {
  db: Kysely<Database>;
  getTenantSettings: TenantSettingsReader;
  metrics: Metrics;
}

type Result = BatchResponse['results'][number];
type Rejection = Extract<EventCheck, { ok: false }>;

/** POST /events: validate each event, store the valid ones in one transaction, report per event. */
export function eventsRouter(deps: EventsRouteDeps): Router {
  const router = Router();
  const queue = createIngestQueue(deps.db);
  router.post('/events', requireScope('events:write'), requireEnabledSource(), async (req, res) => {
    const auth = getAuth(res);
    const receivedAt = new Date();
    const envelope = readEnvelope(req.body);
    const settings = await deps.getTenantSettings(auth.tenantId);

    const checks = await normalizeEvents(envelope.events, {
      receivedAt,
      defaultCountry: auth.source?.defaultCountry ?? undefined,
      extraPlaceholders: settings.junkIdentifierValues,
    });
    const invalid = checks.filter((c): c is Rejection => !c.ok);
    const valid = checks.flatMap((c) => (c.ok ? [c.event] : []));
    if (valid.length === 0) throw allRejected(envelope.batch, invalid);

    const stored = await queue.submit(
      { tenantId: auth.tenantId, settings },
      { sourceId: auth.sourceId, receivedAt, events: valid },
    );

    const validByIndex = new Map(valid.map((e) => [e.index, e]));
    // Events whose content PostgreSQL refused: rejected like those validation refused.
    const refused = stored.flatMap((r): Rejection[] =>
      r.status === 'rejected'
        ? [
            {
              ok: false,
              index: r.index,
              eventId: validByIndex.get(r.index)!.eventId,
              errors: r.errors,
            },
          ]
        : [],
    );
    const rejected = [...invalid, ...refused].sort((a, b) => a.index - b.index);
    if (refused.length === stored.length) throw allRejected(envelope.batch, rejected);

    const results: Result[] = new Array<Result>(checks.length);
    for (const r of rejected) {
      results[r.index] = {
        index: r.index,
        event_id: r.eventId ?? '',
        status: 'rejected',
        errors: r.errors,
      };
    }
    for (const r of stored) {
      if (r.status === 'rejected') continue;
      const eventId = validByIndex.get(r.index)!.eventId;
      results[r.index] =
        r.status === 'accepted'
          ? {
              index: r.index,
              event_id: eventId,
              status: 'accepted',
              profile_id: r.profileId,
              ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
            }
          : {
              index: r.index,
              event_id: eventId,
              status: 'duplicate',
              ...(r.profileId ? { profile_id: r.profileId } : {}),
            };
      if (r.status === 'accepted') deps.metrics.resolutionOutcomes.inc({ outcome: r.outcome });
    }

    const body: BatchResponse = {
      accepted: stored.filter((r) => r.status === 'accepted').length,
      duplicates: stored.filter((r) => r.status === 'duplicate').length,
      rejected: rejected.length,
      results,
    };
    deps.metrics.eventsTotal.inc({ status: 'accepted' }, body.accepted);
    deps.metrics.eventsTotal.inc({ status: 'duplicate' }, body.duplicates);
    deps.metrics.eventsTotal.inc({ status: 'rejected' }, body.rejected);
    res.status(200).json(body);
  });
  return router;
}

/** Nothing was accepted: one 400 (or 413 for a single oversized event) listing every problem. */
function allRejected(batch: boolean, rejected: Rejection[]): AppError {
  const single = !batch && rejected.length === 1 ? rejected[0]! : undefined;
  if (single?.tooLarge) {
    return new AppError('PAYLOAD_TOO_LARGE', {
      detail: `An event is at most ${MAX_EVENT_BYTES} bytes of JSON`,
    });
  }
  const errors = rejected.flatMap((r) =>
    r.errors.map((e) => ({
      path: batch ? joinPath(`events.${r.index}`, e.path) : e.path,
      message: e.message,
    })),
  );
  return new AppError('VALIDATION_FAILED', {
    detail: batch ? 'Every event of the batch was rejected' : 'The event was rejected',
    errors,
  });
}

function joinPath(prefix: string, path: string): string {
  return path === '' ? prefix : `${prefix}.${path}`;
}
