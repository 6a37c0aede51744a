import { Router } from 'express';
import type { Kysely } from 'kysely';
import { findCurrentConsents, insertConsents } from '@stratum/db';
import type { CurrentConsentRecord, Database } from '@stratum/db';
import { AppError, getAuth, parseBody, requireScope } from '@stratum/http';
import { resolveBatch } from '@stratum/resolution';
import { ConsentRequestSchema } from '@stratum/schemas';
import type { ConsentResponse, ConsentState } from '@stratum/schemas';
import { withTransactionRetry } from '../events/transaction-retry';
import { hashIdentifiers } from '../identifiers/hash-identifiers';
import type { TenantSettingsReader } from '../tenants/tenant-settings.repository';

export interface ConsentsRouteDeps {
  db: Kysely<Database>;
  getTenantSettings: TenantSettingsReader;
}

/** POST /consents: resolve the identifiers to a profile and append the decisions to its history. */
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

    const now = new Date();
    const body = await withTransactionRetry(() =>
      deps.db.transaction().execute(async (trx): Promise<ConsentResponse> => {
        const plan = await resolveBatch(trx, {
          tenantId: auth.tenantId,
          limits: settings.identifierLimits,
          events: [
            { eventId: null, occurredAt: now, identifiers: hashed.usable, countsAsEvent: false },
          ],
        });
        const profileId = plan.assignments[0]!.profileId;
        // In the request's order: of two entries for one purpose at the same instant, the
        // later one wins.
        await insertConsents(trx, {
          tenantId: auth.tenantId,
          profileId,
          consents: request.consents.map((c) => ({
            purpose: c.purpose,
            status: c.status,
            occurredAt: c.timestamp ? new Date(c.timestamp) : now,
          })),
          source: request.source ?? null,
          sourceId: auth.sourceId,
        });
        const current = await findCurrentConsents(trx, auth.tenantId, profileId);
        return { profile_id: profileId, consents: current.map(consentToState) };
      }),
    );
    res.status(201).json(body);
  });
  return router;
}

function consentToState(consent: CurrentConsentRecord): ConsentState {
  return {
    purpose: consent.purpose,
    status: consent.status,
    timestamp: consent.occurredAt.toISOString(),
    source: consent.source,
  };
}
