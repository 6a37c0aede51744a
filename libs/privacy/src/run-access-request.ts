import type { Db } from '@stratum/db';
import { buildAccessDocument } from './build-access-document';
import { findRequestProfiles } from './find-request-profiles';
import type { PrivacyRequestRecord } from './privacy-request.record';
import { finishPrivacyRequest } from './privacy-request.repository';
import { requestHashes } from './request-hashes';

/**
 * Runs an access request: the document of every profile the identifiers reach, written and
 * the request ended in one repeatable-read transaction, so the document is one consistent
 * view and the request is never done without it.
 */
export async function runAccessRequest(db: Db, request: PrivacyRequestRecord): Promise<void> {
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const profiles = await findRequestProfiles(trx, request.tenantId, requestHashes(request));
      const counts = await buildAccessDocument(trx, request, profiles);
      await finishPrivacyRequest(trx, request.tenantId, request.requestId, {
        profilesAffected: profiles.all.length,
        counts: { identifiers_matched: profiles.identifiersMatched, ...counts },
      });
    });
}
