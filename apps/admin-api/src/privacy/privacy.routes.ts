import { Router } from 'express';
import type { Db } from '@stratum/db';
import { getAuth, parseBody, parseParams, requireScope } from '@stratum/http';
import {
  findPrivacyRequest,
  hashRequestIdentifiers,
  privacyRequestToJson,
  streamAccessDocument,
  submitPrivacyRequest,
} from '@stratum/privacy';
import { PrivacyRequestIdParamsSchema, PrivacyRequestInputSchema } from '@stratum/schemas';
import type { PrivacyRequestAccepted } from '@stratum/schemas';
import {
  accessDocumentExpired,
  accessDocumentGone,
  invalidIdentifiers,
  noAccessDocument,
  privacyRequestNotFound,
  queueing,
} from './privacy-errors';
import { writeChunk } from './write-chunk';

export interface PrivacyRouteDeps {
  db: Db;
}

// Reading a request shows which hashes were asked about: the same scope as asking.
const SCOPE = requireScope('privacy:write');

/**
 * Privacy requests (SPEC §13 and §17). Identifiers are hashed on arrival, as ingestion does,
 * and only the hashes are kept. Suppress and unsuppress take effect before the answer; erase
 * and access are queued for the worker. Every route answers 202 or reads what was recorded.
 */
export function privacyRouter({ db }: PrivacyRouteDeps): Router {
  const router = Router();

  router.post('/privacy-requests', SCOPE, async (req, res) => {
    const body = parseBody(PrivacyRequestInputSchema, req.body);
    const hashed = hashRequestIdentifiers(body.identifiers);
    if (!hashed.ok) throw invalidIdentifiers(hashed.issues);
    const request = await queueing(() =>
      submitPrivacyRequest(db, getAuth(res).tenantId, body.type, hashed.identifiers, {
        queue: true,
      }),
    );
    const answer: PrivacyRequestAccepted = {
      request_id: request.requestId,
      status: request.status,
    };
    res.status(202).location(`/api/v1/cdp/privacy-requests/${request.requestId}`).json(answer);
  });

  router.get('/privacy-requests/:id', SCOPE, async (req, res) => {
    const { id } = parseParams(PrivacyRequestIdParamsSchema, req.params);
    const request = await findPrivacyRequest(db, getAuth(res).tenantId, id);
    if (request === undefined) throw privacyRequestNotFound();
    res.json(privacyRequestToJson(request));
  });

  // Streamed part by part as stored: a document with years of events is never held whole.
  router.get('/privacy-requests/:id/result', SCOPE, async (req, res) => {
    const { id } = parseParams(PrivacyRequestIdParamsSchema, req.params);
    const { tenantId } = getAuth(res);
    const request = await findPrivacyRequest(db, tenantId, id);
    if (request === undefined) throw privacyRequestNotFound();
    if (request.type !== 'access' || request.status !== 'done') throw noAccessDocument(request);
    if (request.resultExpiredAt !== null) throw accessDocumentExpired(request.resultExpiredAt);
    res.status(200).type('application/json').attachment(`privacy-access-${request.requestId}.json`);
    const parts = await streamAccessDocument(db, tenantId, id, (chunk) => writeChunk(res, chunk));
    if (parts === 0) {
      res.removeHeader('Content-Disposition');
      throw accessDocumentGone();
    }
    res.end();
  });

  return router;
}
