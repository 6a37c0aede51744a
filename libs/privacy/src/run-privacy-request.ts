import type { Db } from '@stratum/db';
import { runEraseRequest } from './erase/run-erase-request';
import { runAccessRequest } from './run-access-request';
import { claimPrivacyRequest, findPrivacyRequest } from './privacy-request.repository';
import type { PrivacyRequestRecord } from './privacy-request.record';

/**
 * Runs a queued (erase or access) request to its end: what the worker's task and the CLI
 * call. A request already ended, or unknown, is left as it is.
 * @returns the request as it ended, or undefined when there was nothing to run
 */
export async function runPrivacyRequest(
  db: Db,
  tenantId: string,
  requestId: string,
): Promise<PrivacyRequestRecord | undefined> {
  const request = await claimPrivacyRequest(db, tenantId, requestId);
  if (request === undefined) return undefined;
  switch (request.type) {
    case 'access':
      await runAccessRequest(db, request);
      break;
    case 'erase':
      await runEraseRequest(db, request);
      break;
    case 'suppress':
    case 'unsuppress':
      // Done when submitted; a claim of one only happens by hand.
      break;
  }
  return findPrivacyRequest(db, tenantId, requestId);
}
