import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import { PRIVACY_REQUEST_TASK, failPrivacyRequest, runPrivacyRequest } from '@stratum/privacy';
import type { PrivacyJobPayload } from '@stratum/privacy';
import type { Task } from 'graphile-worker';

export { PRIVACY_REQUEST_TASK };

/** What {@link privacyRequestTask} needs. */
export interface PrivacyTaskDeps {
  db: Db;
  logger: Logger;
}

/**
 * Runs one erase or access request. A failed run is retried by the queue (each step can run
 * again); after its last attempt the request is marked failed. Logs carry ids and counts
 * only, never an identifier.
 */
export function privacyRequestTask(deps: PrivacyTaskDeps): Task {
  return async (payload, helpers) => {
    const job = payload as PrivacyJobPayload;
    const started = Date.now();
    try {
      const ended = await runPrivacyRequest(deps.db, job.tenant_id, job.request_id);
      if (ended === undefined) return;
      deps.logger.info('privacy request done', {
        task: PRIVACY_REQUEST_TASK,
        tenant_id: job.tenant_id,
        request_id: job.request_id,
        type: ended.type,
        profiles_affected: ended.profilesAffected,
        counts: ended.counts,
        duration_ms: Date.now() - started,
      });
    } catch (error) {
      const last = helpers.job.attempts >= helpers.job.max_attempts;
      deps.logger.error('privacy request failed', {
        task: PRIVACY_REQUEST_TASK,
        tenant_id: job.tenant_id,
        request_id: job.request_id,
        attempt: helpers.job.attempts,
        final: last,
        // A driver message can quote data: only its SQLSTATE is logged.
        sqlstate: (error as { code?: unknown } | null)?.code ?? null,
      });
      if (last) {
        await failPrivacyRequest(
          deps.db,
          job.tenant_id,
          job.request_id,
          'the request failed on every attempt; see the worker log for its request id',
        );
      }
      throw error;
    }
  };
}
