import { findLastSummarisedHour, listTenantIds, sumSourceKeyTotals } from '@stratum/db';
import type { Db, NewVolumeAnomalyRow } from '@stratum/db';
import type { Logger } from '@stratum/http';
import { scoreTally } from '@stratum/quality';
import type { Task } from 'graphile-worker';
import { detectSourceAnomalies } from './detect-source-anomalies';
import type { QualityMetrics } from './quality-metrics';
import { summariseSourceHours } from './summarise-source-hours';

/** The queue's name of the task that summarises source-hours and flags volume anomalies. */
export const SOURCE_HOURS_TASK = 'source-hours';

const HOUR_MS = 3_600_000;
/** After downtime, hours are caught up at most this far back. */
export const MAX_CATCH_UP_HOURS = 48;
const SCORE_WINDOW_HOURS = 30 * 24;

/** What {@link sourceHoursTask} needs. */
export interface SourceHoursDeps {
  db: Db;
  logger: Logger;
  metrics: QualityMetrics;
}

/** What one run did. */
export interface SourceHoursResult {
  /** The hours summarised, oldest first (none when caught up). */
  hours: Date[];
  sourceHours: number;
  anomalies: NewVolumeAnomalyRow[];
}

/**
 * Summarises every hour not summarised yet, up to the last complete one (at most
 * MAX_CATCH_UP_HOURS back), flags volume anomalies in them, and sets the metrics: each
 * source's rolling 30-day match quality and the flags of the latest hour.
 */
export async function runSourceHours(
  deps: SourceHoursDeps,
  now: Date = new Date(),
): Promise<SourceHoursResult> {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const last = await findLastSummarisedHour(deps.db);
  const start = Math.max(end - MAX_CATCH_UP_HOURS * HOUR_MS, last ? last.getTime() + HOUR_MS : 0);
  const hours: Date[] = [];
  for (let at = start; at < end; at += HOUR_MS) hours.push(new Date(at));
  // The latest hour is summarised again on every run: harmless (upserts), and it keeps the
  // anomaly metric of a run after the hour's first one true.
  if (hours.length === 0) hours.push(new Date(end - HOUR_MS));

  const from = hours[0]!;
  const to = new Date(end);
  let sourceHours = 0;
  const anomalies: NewVolumeAnomalyRow[] = [];
  for (const tenantId of await listTenantIds(deps.db)) {
    sourceHours += (await summariseSourceHours(deps.db, { tenantId, from, to })).length;
    anomalies.push(...(await detectSourceAnomalies(deps.db, { tenantId, hours })));
  }
  await setMetrics(deps, to, anomalies);
  deps.logger.info('source hours summarised', {
    task: SOURCE_HOURS_TASK,
    from: from.toISOString(),
    to: to.toISOString(),
    source_hours: sourceHours,
    anomalies: anomalies.length,
  });
  return { hours, sourceHours, anomalies };
}

async function setMetrics(
  deps: SourceHoursDeps,
  to: Date,
  anomalies: readonly NewVolumeAnomalyRow[],
): Promise<void> {
  const totals = await sumSourceKeyTotals(deps.db, {
    from: new Date(to.getTime() - SCORE_WINDOW_HOURS * HOUR_MS),
    to,
  });
  deps.metrics.matchQuality.reset();
  for (const total of totals) {
    const { score } = scoreTally({ events: total.sampled, keys: total.keys });
    deps.metrics.matchQuality.set({ tenant_id: total.tenantId, source_id: total.sourceId }, score);
  }
  const latest = to.getTime() - HOUR_MS;
  deps.metrics.volumeAnomaly.reset();
  for (const anomaly of anomalies) {
    if (new Date(anomaly.hour).getTime() !== latest) continue;
    deps.metrics.volumeAnomaly.set(
      {
        tenant_id: anomaly.tenant_id,
        source_id: anomaly.source_id,
        kind: anomaly.kind,
        severity: anomaly.severity,
      },
      1,
    );
  }
}

/** The queue task; its payload (the cron's timestamp, or none) changes nothing. */
export function sourceHoursTask(deps: SourceHoursDeps): Task {
  return async () => {
    await runSourceHours(deps);
  };
}
