import { sql } from 'kysely';
import type { Db } from '../database';

/**
 * Deletes the documents of access requests that finished more than `days` before `now`, and
 * marks each request `result_expired_at = now`: the request stays (it is the audit record)
 * and can tell why its document is gone. One statement, so a request is never marked with
 * its document still there, nor the reverse, however many expire at once. A request whose
 * document an erasure already deleted is left unmarked: its result stays "no longer kept".
 * @returns how many documents were deleted
 */
export async function expireAccessResults(db: Db, now: Date, days: number): Promise<number> {
  const before = sql<Date>`${now}::timestamptz - make_interval(days => ${days})`;
  const row = await db
    .with('expired', (qb) =>
      qb
        .updateTable('cdp_privacy_requests as r')
        .set({ result_expired_at: now })
        .where('r.type', '=', 'access')
        .where('r.status', '=', 'done')
        .where('r.result_expired_at', 'is', null)
        .where('r.finished_at', '<', before)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('cdp_privacy_results as p')
              .select('p.part')
              .whereRef('p.tenant_id', '=', 'r.tenant_id')
              .whereRef('p.request_id', '=', 'r.request_id'),
          ),
        )
        .returning(['r.tenant_id', 'r.request_id']),
    )
    .with('gone', (qb) =>
      qb
        .deleteFrom('cdp_privacy_results as p')
        .using('expired as e')
        .whereRef('p.tenant_id', '=', 'e.tenant_id')
        .whereRef('p.request_id', '=', 'e.request_id')
        .returning('p.part'),
    )
    .selectFrom('expired')
    .select(({ fn }) => fn.countAll<string>().as('documents'))
    .executeTakeFirstOrThrow();
  return Number(row.documents);
}
