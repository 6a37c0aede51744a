import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import { AppError, getAuth, requireScope } from '@stratum/http';
import { resolveBatch } from '@stratum/resolution';
import { ConsentRequestSchema } from '@stratum/schemas';
import type { ConsentResponse } from '@stratum/schemas';
import { parseBody } from '../validation/parse-body';
import { withTransactionRetry } from '../events/transaction-retry';
import { hashIdentifiers } from '../identifiers/hash-identifiers';
import type { TenantSettingsReader } from '../tenants/tenant-settings.repository';
import { findCurrentConsents, insertConsents } from './consent.repository';

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
        await insertConsents(
          trx,
          auth.tenantId,
          profileId,
          request.consents.map((c) => ({
            purpose: c.purpose,
            status: c.status,
            occurredAt: c.timestamp ? new Date(c.timestamp) : now,
          })),
          { source: request.source ?? null, sourceId: auth.sourceId },
        );
        return {
          profile_id: profileId,
          consents: await findCurrentConsents(trx, auth.tenantId, profileId),
        };
      }),
    );
    res.status(201).json(body);
  });
  return router;
}
