import { randomUUID } from 'node:crypto';
import type { Db, PrivacyRequestType } from '@stratum/db';
import type { NormalizedIdentifier } from '@stratum/identity';
import { findRequestProfiles } from './find-request-profiles';
import { addPrivacyJob } from './privacy-queue';
import { insertPrivacyRequest } from './privacy-request.repository';
import type { PrivacyRequestRecord } from './privacy-request.record';
import { addSuppressions, removeSuppressions } from './suppression.repository';

export interface SubmitOptions {
  /**
   * Queue an erase or access request for the worker (the API). False leaves it pending for
   * the caller to run (the CLI runs it in its own process).
   */
  queue: boolean;
}

/**
 * Records a privacy request, its audit entry. Suppress and unsuppress take effect at once,
 * in the same transaction, and are recorded done; erase and access are recorded pending
 * and, with `queue`, handed to the worker in that transaction (the job exists exactly when
 * the request does).
 */
export async function submitPrivacyRequest(
  db: Db,
  tenantId: string,
  type: PrivacyRequestType,
  identifiers: readonly NormalizedIdentifier[],
  options: SubmitOptions,
): Promise<PrivacyRequestRecord> {
  return db.transaction().execute(async (trx) => {
    if (type === 'erase' || type === 'access') {
      const request = await insertPrivacyRequest(trx, { tenantId, type, identifiers });
      if (options.queue) {
        await addPrivacyJob({ tenant_id: tenantId, request_id: request.requestId }).execute(trx);
      }
      return request;
    }
    const requestId = randomUUID();
    const profiles = await findRequestProfiles(trx, tenantId, identifiers);
    const changed: Record<string, number> =
      type === 'suppress'
        ? { suppressions_added: await addSuppressions(trx, tenantId, identifiers, requestId) }
        : { suppressions_removed: await removeSuppressions(trx, tenantId, identifiers) };
    return insertPrivacyRequest(trx, {
      tenantId,
      requestId,
      type,
      identifiers,
      done: {
        profilesAffected: profiles.all.length,
        counts: { identifiers_matched: profiles.identifiersMatched, ...changed },
      },
    });
  });
}
