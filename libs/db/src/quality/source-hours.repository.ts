import { sql } from 'kysely';
import type { Db } from '../database';
import type { NewSourceHourRow, SourceHourRow } from '../tables/source-quality.table';

/** The tenants to summarise: all of them (hours without events write nothing). */
export async function listTenantIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('cdp_tenants').select('tenant_id').execute();
  return rows.map((r) => r.tenant_id);
}

/** The latest hour any source was summarised for, or undefined before the first run. */
export async function findLastSummarisedHour(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom('cdp_source_hours')
    .select((eb) => eb.fn.max('hour').as('hour'))
    .executeTakeFirst();
  return row?.hour ?? undefined;
}

/** Writes source-hours, replacing what an earlier run wrote for the same hour. */
export async function upsertSourceHours(db: Db, rows: readonly NewSourceHourRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('cdp_source_hours')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'source_id', 'hour']).doUpdateSet((eb) => ({
        accepted: eb.ref('excluded.accepted'),
        rejected: eb.ref('excluded.rejected'),
        suppressed: eb.ref('excluded.suppressed'),
        sampled: eb.ref('excluded.sampled'),
        email: eb.ref('excluded.email'),
        phone: eb.ref('excluded.phone'),
        external_id: eb.ref('excluded.external_id'),
        click_id: eb.ref('excluded.click_id'),
        ip: eb.ref('excluded.ip'),
        user_agent: eb.ref('excluded.user_agent'),
        computed_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** A tenant's source-hours in `[from, to)`, by source then hour; one source when given. */
export async function listSourceHours(
  db: Db,
  query: { tenantId: string; sourceId?: string; from: Date; to: Date },
): Promise<SourceHourRow[]> {
  let select = db
    .selectFrom('cdp_source_hours')
    .selectAll()
    .where('tenant_id', '=', query.tenantId)
    .where('hour', '>=', query.from)
    .where('hour', '<', query.to);
  if (query.sourceId !== undefined) select = select.where('source_id', '=', query.sourceId);
  return select.orderBy('source_id').orderBy('hour').execute();
}

/** Which of a tenant's sources are disabled (their quiet hours are not anomalies). */
export async function findDisabledSourceIds(db: Db, tenantId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('cdp_sources')
    .select('source_id')
    .where('tenant_id', '=', tenantId)
    .where('enabled', '=', false)
    .execute();
  return new Set(rows.map((r) => r.source_id));
}

/** The first hour summarised for each of a tenant's sources (where its series starts). */
export async function findFirstSourceHours(
  db: Db,
  tenantId: string,
  sourceIds: readonly string[],
): Promise<Map<string, Date>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('cdp_source_hours')
    .select(['source_id', (eb) => eb.fn.min('hour').as('first')])
    .where('tenant_id', '=', tenantId)
    .where('source_id', 'in', [...sourceIds])
    .groupBy('source_id')
    .execute();
  return new Map(rows.map((r) => [r.source_id, r.first]));
}

/** A source's summed sample over a window: how many events were read, how many had each key. */
export interface SourceKeyTotals {
  tenantId: string;
  sourceId: string;
  sampled: number;
  keys: Record<'email' | 'phone' | 'external_id' | 'click_id' | 'ip' | 'user_agent', number>;
}

/** Every source's summed sample over the hours `[from, to)` (what the rolling score is of). */
export async function sumSourceKeyTotals(
  db: Db,
  window: { from: Date; to: Date },
): Promise<SourceKeyTotals[]> {
  const total = (column: 'sampled' | keyof SourceKeyTotals['keys']) =>
    sql<number>`sum(${sql.ref(column)})::int`.as(column);
  const rows = await db
    .selectFrom('cdp_source_hours')
    .select([
      'tenant_id',
      'source_id',
      total('sampled'),
      total('email'),
      total('phone'),
      total('external_id'),
      total('click_id'),
      total('ip'),
      total('user_agent'),
    ])
    .where('hour', '>=', window.from)
    .where('hour', '<', window.to)
    .groupBy(['tenant_id', 'source_id'])
    .execute();
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    sourceId: r.source_id,
    sampled: r.sampled,
    keys: {
      email: r.email,
      phone: r.phone,
      external_id: r.external_id,
      click_id: r.click_id,
      ip: r.ip,
      user_agent: r.user_agent,
    },
  }));
}
