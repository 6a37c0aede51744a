import { sql } from 'kysely';
import type { Db, JsonObject, PrivacyRequestIdentifier, PrivacyRequestType } from '@stratum/db';
import { isUuid } from '@stratum/db';
import { privacyRequestRowToRecord } from './privacy-request.record';
import type { PrivacyRequestRecord } from './privacy-request.record';

/** What a new request is; suppress and unsuppress are recorded already done. */
export interface NewPrivacyRequest {
  tenantId: string;
  /** Given when something else written with the request names it (a suppression). */
  requestId?: string;
  type: PrivacyRequestType;
  identifiers: readonly PrivacyRequestIdentifier[];
  done?: { profilesAffected: number; counts: Record<string, number> };
}

/** Records a request (its audit entry). */
export async function insertPrivacyRequest(
  db: Db,
  request: NewPrivacyRequest,
): Promise<PrivacyRequestRecord> {
  const { done } = request;
  const row = await db
    .insertInto('cdp_privacy_requests')
    .values({
      tenant_id: request.tenantId,
      ...(request.requestId === undefined ? {} : { request_id: request.requestId }),
      type: request.type,
      identifiers: JSON.stringify(request.identifiers),
      ...(done === undefined
        ? {}
        : {
            status: 'done',
            profiles_affected: done.profilesAffected,
            counts: JSON.stringify(done.counts),
            started_at: sql<Date>`now()`,
            finished_at: sql<Date>`now()`,
          }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return privacyRequestRowToRecord(row);
}

/** The tenant's request, or undefined (another tenant's is unknown here). */
export async function findPrivacyRequest(
  db: Db,
  tenantId: string,
  requestId: string,
): Promise<PrivacyRequestRecord | undefined> {
  if (!isUuid(requestId)) return undefined;
  const row = await db
    .selectFrom('cdp_privacy_requests')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return row === undefined ? undefined : privacyRequestRowToRecord(row);
}

/**
 * Marks a pending request running, or takes over one left running (a run that died: every
 * step can be run again). Undefined when the request is unknown or already ended.
 */
export async function claimPrivacyRequest(
  db: Db,
  tenantId: string,
  requestId: string,
): Promise<PrivacyRequestRecord | undefined> {
  const row = await db
    .updateTable('cdp_privacy_requests')
    .set((eb) => ({
      status: 'running',
      started_at: eb.fn.coalesce('started_at', eb.fn<Date>('now')),
    }))
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .where('status', 'in', ['pending', 'running'])
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : privacyRequestRowToRecord(row);
}

/** Records how far a running request has got. */
export async function recordPrivacyProgress(
  db: Db,
  tenantId: string,
  requestId: string,
  progress: JsonObject,
): Promise<void> {
  await db
    .updateTable('cdp_privacy_requests')
    .set({ progress: JSON.stringify(progress) })
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .execute();
}

/** Ends a request as done, with what it did. */
export async function finishPrivacyRequest(
  db: Db,
  tenantId: string,
  requestId: string,
  outcome: { profilesAffected: number; counts: Record<string, number> },
): Promise<void> {
  await db
    .updateTable('cdp_privacy_requests')
    .set((eb) => ({
      status: 'done',
      profiles_affected: outcome.profilesAffected,
      counts: JSON.stringify(outcome.counts),
      progress: null,
      finished_at: eb.fn<Date>('now'),
    }))
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .execute();
}

/** Ends a request as failed; `error` is ours (never a driver message, which may quote data). */
export async function failPrivacyRequest(
  db: Db,
  tenantId: string,
  requestId: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('cdp_privacy_requests')
    .set((eb) => ({
      status: 'failed',
      error: error.slice(0, 1000),
      finished_at: eb.fn<Date>('now'),
    }))
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .execute();
}
