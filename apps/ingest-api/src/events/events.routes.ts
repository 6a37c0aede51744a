import { Router } from 'express';
import {
  AppError,
  getAuth,
  requireAllowedOrigin,
  requireEnabledSource,
  requireScope,
} from '@stratum/http';
import { MAX_EVENT_BYTES } from '@stratum/schemas';
import { ingestEvents } from './ingest-events.service';
import type { IngestEventsDeps, Rejection } from './ingest-events.service';
import { prefersAsync } from './prefer-header';
import { readEnvelope } from './read-envelope';

/**
 * POST /events: validate each event, store the valid ones in one transaction, report per
 * event; with `Prefer: respond-async`, append them to the inbox instead and answer 202.
 */
export function eventsRouter(deps: IngestEventsDeps): Router {
  const router = Router();
  router.post(
    '/events',
    requireScope('events:write'),
    requireEnabledSource(),
    requireAllowedOrigin(),
    async (req, res) => {
      const receivedAt = new Date();
      const envelope = readEnvelope(req.body);
      const outcome = await ingestEvents(
        deps,
        getAuth(res),
        receivedAt,
        envelope.events.map((raw) => ({ raw })),
        'events',
        prefersAsync(req) ? 'async' : 'sync',
      );
      res.vary('Prefer');
      if (!outcome.ok) throw allRejected(envelope.batch, outcome.rejected);
      if (outcome.queued) res.status(202).set('Preference-Applied', 'respond-async');
      res.json(outcome.body);
    },
  );
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
