import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { attemptOutcome, retryDelaySeconds } from '@stratum/webhooks';
import { addDeliveryJob } from './delivery-queue';
import type { DeliveryTarget } from './delivery-target';

/** How one attempt went: an HTTP answer, or no answer and why (in words). */
export type AttemptResult =
  | { kind: 'answered'; status: number; retryAfterSeconds?: number; latencyMs: number }
  | { kind: 'failed'; error: string; latencyMs: number };

/**
 * What the attempt made of the delivery: `retry` (another attempt is queued), `dead` (that
 * was the last), `gone` (410: the destination is disabled), or `superseded` when the row
 * had been delivered meanwhile (a replay's attempt raced this one) and is left as it is.
 */
export type RecordedOutcome = 'delivered' | 'retry' | 'dead' | 'gone' | 'superseded';

export interface RecordAttemptOptions {
  /** Seconds to wait after each failed attempt. */
  schedule: readonly number[];
  now?: Date;
  /** For the jitter; `Math.random` by default. */
  random?: () => number;
}

// Never the answer's body, nor anything of the payload: the log is shown to tenant admins.
function describe(result: AttemptResult): string | null {
  if (result.kind === 'failed') return result.error;
  if (attemptOutcome(result.status) === 'delivered') return null;
  if (result.status === 410) return 'HTTP 410: the receiver is gone; the destination is disabled';
  const wait = result.retryAfterSeconds;
  return wait === undefined
    ? `HTTP ${result.status}`
    : `HTTP ${result.status}, Retry-After ${wait} s`;
}

/**
 * Records an attempt on its delivery and decides what follows, in one transaction: the next
 * attempt's job is queued with the row that announces it, so a crash leaves both or neither.
 * A 410 disables the destination (its other queued deliveries are then dropped in turn).
 */
export async function recordAttempt(
  db: Db,
  target: Pick<DeliveryTarget, 'tenantId' | 'deliveryId' | 'destinationId'>,
  result: AttemptResult,
  options: RecordAttemptOptions,
): Promise<RecordedOutcome> {
  const now = options.now ?? new Date();
  const { tenantId, deliveryId, destinationId } = target;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cdp_deliveries')
      .select(['status', 'attempts'])
      .where('tenant_id', '=', tenantId)
      .where('delivery_id', '=', deliveryId)
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined || row.status === 'delivered') return 'superseded';
    const attempts = row.attempts + 1;
    const outcome = result.kind === 'answered' ? attemptOutcome(result.status) : 'retry';
    const delay =
      outcome === 'retry'
        ? retryDelaySeconds(attempts, {
            schedule: options.schedule,
            retryAfterSeconds: result.kind === 'answered' ? result.retryAfterSeconds : undefined,
            random: options.random,
          })
        : undefined;
    const nextAt = delay === undefined ? null : new Date(now.getTime() + delay * 1000);
    const recorded: RecordedOutcome =
      outcome === 'delivered'
        ? 'delivered'
        : outcome === 'disable'
          ? 'gone'
          : nextAt
            ? 'retry'
            : 'dead';
    await trx
      .updateTable('cdp_deliveries')
      .set({
        status: recorded === 'delivered' ? 'delivered' : recorded === 'retry' ? 'failed' : 'dead',
        attempts,
        last_status: result.kind === 'answered' ? result.status : null,
        last_error: describe(result),
        latency_ms: Math.round(result.latencyMs),
        last_attempt_at: now,
        next_attempt_at: nextAt,
        delivered_at: recorded === 'delivered' ? now : null,
      })
      .where('tenant_id', '=', tenantId)
      .where('delivery_id', '=', deliveryId)
      .execute();
    if (nextAt !== null) {
      await sql`SELECT ${addDeliveryJob(sql.val(tenantId), sql.val(deliveryId), sql.val(nextAt))}`.execute(
        trx,
      );
    }
    if (recorded === 'gone') {
      await trx
        .updateTable('cdp_destinations')
        .set({
          enabled: false,
          disabled_reason: `The receiver answered 410 Gone on ${now.toISOString()}`,
          updated_at: now,
        })
        .where('tenant_id', '=', tenantId)
        .where('destination_id', '=', destinationId)
        .execute();
    }
    return recorded;
  });
}

/** A delivered attempt (a 2xx answer), to record with others of its batch. */
export interface DeliveredAttempt {
  tenantId: string;
  deliveryId: string;
  status: number;
  latencyMs: number;
}

/**
 * Records delivered attempts in one statement, as recordAttempt records each: delivered,
 * the attempt counted, no next attempt. A delivery already delivered meanwhile (a replay's
 * attempt raced this one) is left as it is.
 * @returns the ids recorded; the others were superseded
 */
export async function recordDelivered(
  db: Db,
  attempts: readonly DeliveredAttempt[],
  now = new Date(),
): Promise<Set<string>> {
  if (attempts.length === 0) return new Set();
  const rows = JSON.stringify(
    attempts.map((a) => ({
      tenant_id: a.tenantId,
      delivery_id: a.deliveryId,
      status: a.status,
      latency_ms: Math.round(a.latencyMs),
    })),
  );
  const { rows: recorded } = await sql<{ delivery_id: string }>`
    UPDATE cdp_deliveries d SET status = 'delivered', attempts = d.attempts + 1,
      last_status = r.status, last_error = NULL, latency_ms = r.latency_ms,
      last_attempt_at = ${now}, next_attempt_at = NULL, delivered_at = ${now}
    FROM jsonb_to_recordset(${rows}::jsonb)
      AS r(tenant_id uuid, delivery_id uuid, status int, latency_ms int)
    WHERE d.tenant_id = r.tenant_id AND d.delivery_id = r.delivery_id
      AND d.status <> 'delivered'
    RETURNING d.delivery_id`.execute(db);
  return new Set(recorded.map((r) => r.delivery_id));
}

/**
 * Ends a delivery whose destination was deleted or disabled before its turn: dead, so that a
 * replay after re-enabling sends it. Nothing is sent and no attempt is counted.
 */
export async function dropDelivery(
  db: Db,
  target: Pick<DeliveryTarget, 'tenantId' | 'deliveryId'>,
  reason: 'destination_deleted' | 'destination_disabled',
): Promise<void> {
  await db
    .updateTable('cdp_deliveries')
    .set({
      status: 'dead',
      next_attempt_at: null,
      last_error:
        reason === 'destination_deleted'
          ? 'not sent: the destination was deleted'
          : 'not sent: the destination is disabled',
    })
    .where('tenant_id', '=', target.tenantId)
    .where('delivery_id', '=', target.deliveryId)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
}
