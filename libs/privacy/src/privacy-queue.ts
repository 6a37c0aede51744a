import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

/** The worker's task that runs an erase or access request. */
export const PRIVACY_REQUEST_TASK = 'privacy-request';

/** The payload of a `privacy-request` job: ids only, never an identifier. */
export interface PrivacyJobPayload {
  tenant_id: string;
  request_id: string;
}

/** The schema the job queue (graphile-worker) installs when the worker first starts. */
const QUEUE_SCHEMA = 'graphile_worker';

/**
 * A call of the queue's own SQL function that adds a request's job, run in the transaction
 * that records the request: the job exists exactly when the request does. The job key is
 * the request id (one job per request); a run that fails is retried by the queue, and the
 * request's steps are written to be run again.
 */
export function addPrivacyJob(payload: PrivacyJobPayload): RawBuilder<unknown> {
  return sql`SELECT ${sql.id(QUEUE_SCHEMA, 'add_job')}(
    ${PRIVACY_REQUEST_TASK}::text,
    json_build_object('tenant_id', ${payload.tenant_id}::text, 'request_id', ${payload.request_id}::text),
    max_attempts => 5,
    job_key => ${payload.request_id}::text
  )`;
}

/**
 * Whether a database error says the job queue is not installed yet: the worker installs it
 * when it first starts, so an erase or access request cannot be queued before then.
 */
export function isQueueMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 3F000 invalid_schema_name, 42883 undefined_function.
  return code === '3F000' || code === '42883';
}
