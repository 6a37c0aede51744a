import { Router } from 'express';
import type { Db } from '@stratum/db';
import {
  createDestination,
  decodeDeliveryCursor,
  deleteDestination,
  findDestination,
  listDeliveries,
  listDestinations,
  replayDeadDeliveries,
  replayDelivery,
  sendTestDelivery,
  updateDestination,
} from '@stratum/destinations';
import type { DestinationFilters } from '@stratum/destinations';
import { AppError, getAuth, parseBody, parseParams, parseQuery, requireScope } from '@stratum/http';
import {
  DeliveriesQuerySchema,
  DeliveryParamsSchema,
  DestinationCreateSchema,
  DestinationIdParamsSchema,
  DestinationPatchSchema,
} from '@stratum/schemas';
import type {
  DeliveryPage,
  DestinationCreate,
  DestinationCreated,
  DestinationList,
  DestinationPatch,
  ReplayDeadResult,
} from '@stratum/schemas';
import {
  assertDestinationUrl,
  deliveryNotFound,
  destinationDisabled,
  destinationNotFound,
  queueing,
  unknownSegments,
} from './destination-errors';
import { deliveryToResponse, destinationToResponse } from './destination-response';

export interface DestinationsRouteDeps {
  db: Db;
  /** DESTINATIONS_ALLOW_PRIVATE: accept URLs on private, loopback and link-local addresses. */
  allowPrivate: boolean;
}

const SCOPE = requireScope('destinations:write');

/**
 * Webhook destinations (SPEC §12 and §17): configuration, a test send, the delivery log and
 * replays. Every route needs `destinations:write`, reads included: the log shows where a
 * tenant's data goes. Deliveries are queued in the transaction that records them; the
 * worker sends them.
 */
export function destinationsRouter({ db, allowPrivate }: DestinationsRouteDeps): Router {
  const router = Router();

  /** A live, enabled destination of the tenant, or the error to answer with. */
  async function enabledDestination(tenantId: string, id: string) {
    const destination = await findDestination(db, tenantId, id);
    if (destination === undefined) throw destinationNotFound();
    if (!destination.enabled) throw destinationDisabled();
    return destination;
  }

  router.post('/destinations', SCOPE, async (req, res) => {
    const body = parseBody(DestinationCreateSchema, req.body);
    assertDestinationUrl(body.url, allowPrivate);
    const created = await createDestination(db, getAuth(res).tenantId, {
      name: body.name,
      url: body.url,
      ...filters(body),
    });
    if (!created.ok) throw unknownSegments(created);
    const answer: DestinationCreated = {
      ...destinationToResponse(created.value.destination),
      secret: created.value.secret,
    };
    res.status(201).json(answer);
  });

  router.get('/destinations', SCOPE, async (_req, res) => {
    const destinations = await listDestinations(db, getAuth(res).tenantId);
    const answer: DestinationList = { destinations: destinations.map(destinationToResponse) };
    res.json(answer);
  });

  router.get('/destinations/:id', SCOPE, async (req, res) => {
    const { id } = parseParams(DestinationIdParamsSchema, req.params);
    const destination = await findDestination(db, getAuth(res).tenantId, id);
    if (destination === undefined) throw destinationNotFound();
    res.json(destinationToResponse(destination));
  });

  router.patch('/destinations/:id', SCOPE, async (req, res) => {
    const { id } = parseParams(DestinationIdParamsSchema, req.params);
    const body = parseBody(DestinationPatchSchema, req.body);
    if (body.url !== undefined) assertDestinationUrl(body.url, allowPrivate);
    const updated = await updateDestination(db, getAuth(res).tenantId, id, {
      name: body.name,
      url: body.url,
      enabled: body.enabled,
      ...filters(body),
    });
    if (updated.ok) {
      res.json(destinationToResponse(updated.value));
      return;
    }
    throw updated.error === 'DESTINATION_NOT_FOUND'
      ? destinationNotFound()
      : unknownSegments(updated);
  });

  router.delete('/destinations/:id', SCOPE, async (req, res) => {
    const { id } = parseParams(DestinationIdParamsSchema, req.params);
    if (!(await deleteDestination(db, getAuth(res).tenantId, id))) throw destinationNotFound();
    res.status(204).end();
  });

  router.post('/destinations/:id/test', SCOPE, async (req, res) => {
    const { id } = parseParams(DestinationIdParamsSchema, req.params);
    const destination = await enabledDestination(getAuth(res).tenantId, id);
    const delivery = await queueing(() => sendTestDelivery(db, destination));
    res.status(202).json(deliveryToResponse(delivery));
  });

  router.get('/destinations/:id/deliveries', SCOPE, async (req, res) => {
    const { tenantId } = getAuth(res);
    const { id } = parseParams(DestinationIdParamsSchema, req.params);
    const query = parseQuery(DeliveriesQuerySchema, req.query);
    const after = query.cursor === undefined ? undefined : decodeDeliveryCursor(query.cursor);
    if (query.cursor !== undefined && after === undefined) {
      throw new AppError('VALIDATION_FAILED', {
        detail: 'The query parameters are invalid',
        errors: [{ path: 'cursor', message: 'is not a cursor of this list' }],
      });
    }
    if ((await findDestination(db, tenantId, id)) === undefined) throw destinationNotFound();
    const page = await listDeliveries(db, tenantId, id, { ...query, after });
    const answer: DeliveryPage = {
      deliveries: page.deliveries.map(deliveryToResponse),
      next_cursor: page.nextCursor,
    };
    res.json(answer);
  });

  router.post('/destinations/:id/deliveries/:delivery_id/replay', SCOPE, async (req, res) => {
    const { tenantId } = getAuth(res);
    const { id, delivery_id } = parseParams(DeliveryParamsSchema, req.params);
    await enabledDestination(tenantId, id);
    const delivery = await queueing(() => replayDelivery(db, tenantId, id, delivery_id));
    if (delivery === undefined) throw deliveryNotFound();
    res.status(202).json(deliveryToResponse(delivery));
  });

  router.post('/destinations/:id/replay-dead', SCOPE, async (req, res) => {
    const { tenantId } = getAuth(res);
    const { id } = parseParams(DestinationIdParamsSchema, req.params);
    await enabledDestination(tenantId, id);
    const answer: ReplayDeadResult = {
      replayed: await queueing(() => replayDeadDeliveries(db, tenantId, id)),
    };
    res.status(202).json(answer);
  });

  return router;
}

/** The filters a request gives, in the repository's terms (absent stays absent). */
function filters(body: DestinationCreate | DestinationPatch): DestinationFilters {
  return {
    events: body.events,
    segmentIds: body.segments,
    profileUpdates: body.profile_updates,
    consentPurpose: body.consent_purpose,
    alerts: body.alerts,
  };
}
