import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentConsentToState } from '@stratum/db';
import type { Database } from '@stratum/db';
import { AppError, getAuth, parseBody, requireScope } from '@stratum/http';
import type { Metrics } from '@stratum/http';
import { ConsentRequestSchema } from '@stratum/schemas';
import type { ConsentResponse, ConsentSuppressedResponse } from '@stratum/schemas';
import { hashIdentifiers } from '../identifiers/hash-identifiers';
import type { TenantSettingsReader } from '@stratum/ingestion';
import { recordConsents } from './record-consents';

export interface ConsentsRouteDeps {
  db: Kysely<Database>;
  getTenantSettings: TenantSettingsReader;
  metrics: Pick<Metrics, 'consentsTotal'>;
}

/**
 * POST /consents: resolve the identifiers to a profile and append the decisions to its
 * history (201), or, when an identifier is suppressed, store nothing and say so (200: the
 * producer has nothing to retry, as for a suppressed event).
 */
export function consentsRouter(deps: ConsentsRouteDeps): Router {
  const router = Router();
  router.post('/consents', requireScope('consents:write'), async (req, res) => {
    const auth = getAuth(res);
    const request = parseBody(ConsentRequestSchema, req.body, 'The consent request is invalid');
    const settings = await deps.getTenantSettings(auth.tenantId);
    const hashed = hashIdentifiers(request.identifiers, {
      defaultCountry: auth.source?.defaultCountry ?? undefined,
      extraPlaceholders: settings.junkIdentifierValues,
    });
    if (hashed.errors.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        detail: 'The consent request is invalid',
        errors: hashed.errors,
      });
    }

    const outcome = await recordConsents(deps.db, {
      tenantId: auth.tenantId,
      sourceId: auth.sourceId,
      limits: settings.identifierLimits,
      identifiers: hashed.usable,
      consents: request.consents,
      source: request.source ?? null,
      now: new Date(),
    });
    deps.metrics.consentsTotal.inc({ status: outcome.status });
    if (outcome.status === 'suppressed') {
      const body: ConsentSuppressedResponse = {
        status: 'suppressed',
        profile_id: null,
        consents: [],
      };
      res.status(200).json(body);
      return;
    }
    const body: ConsentResponse = {
      status: 'accepted',
      profile_id: outcome.profileId,
      consents: outcome.current.map(currentConsentToState),
    };
    res.status(201).json(body);
  });
  return router;
}
