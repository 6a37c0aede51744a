/**
 * A deterministic multi-tenant data set for the query-pattern checks: two tenants, three
 * months of events (January to March 2026), one merge and a consent history. The analysed
 * tenant owns about a tenth of each month, as one of many tenants would.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ConsentPurpose, ConsentStatus, Db } from '@stratum/db';
import { maintainPartitions } from '@stratum/db';

const EVENT_NAMES = [
  'Page Viewed',
  'Product Viewed',
  'Added to Cart',
  'Order Completed',
  'Signed Up',
] as const;
// Page views dominate, as on a real site; orders are rare.
const NAME_WEIGHTS = [50, 25, 10, 8, 7];

export interface SeedEvent {
  tenantId: string;
  eventId: string;
  profileId: string;
  name: string;
  occurredAt: Date;
}

interface SeedConsent {
  tenantId: string;
  profileId: string;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  occurredAt: Date;
}

export interface AnalyticsSeed {
  tenantId: string;
  otherTenantId: string;
  /** Profiles of the analysed tenant; the second is merged into the first. */
  profileIds: string[];
  /** Merged-away profile → survivor. */
  mergedInto: Map<string, string>;
  events: SeedEvent[];
  consents: SeedConsent[];
}

// mulberry32: a tiny seeded generator, so the data (and any failure) is the same every run.
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const START = Date.UTC(2026, 0, 1);
const SPAN_MS = Date.UTC(2026, 3, 1) - START;

function tenantEvents(tenantId: string, profileIds: string[], random: () => number): SeedEvent[] {
  const total = NAME_WEIGHTS.reduce((a, b) => a + b, 0);
  const pickName = (): string => {
    let r = random() * total;
    for (const [i, weight] of NAME_WEIGHTS.entries()) {
      r -= weight;
      if (r < 0) return EVENT_NAMES[i]!;
    }
    return EVENT_NAMES[0];
  };
  return profileIds.flatMap((profileId, p) =>
    Array.from({ length: 1 + Math.floor(random() * 24) }, (_, i) => ({
      tenantId,
      eventId: `e-${p}-${i}`,
      profileId,
      name: pickName(),
      // Whole milliseconds: what PostgreSQL returns equals what was written.
      occurredAt: new Date(START + Math.floor(random() * SPAN_MS)),
    })),
  );
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/**
 * The person behind the merge: the survivor viewed a product and browsed, the profile merged
 * into it browsed on the same days and ordered. Only counting them as one person gives the
 * right funnel, ranking and daily actives, so the queries' merge handling is exercised.
 */
function mergedPersonEvents(tenantId: string, survivor: string, merged: string): SeedEvent[] {
  const at = (iso: string) => new Date(iso);
  const event = (profileId: string, name: string, iso: string, n: number): SeedEvent => ({
    tenantId,
    eventId: `scripted-${n}`,
    profileId,
    name,
    occurredAt: at(iso),
  });
  const pad = (n: number) => String(n).padStart(2, '0');
  return [
    event(survivor, 'Product Viewed', '2026-02-05T10:00:00.000Z', 0),
    event(merged, 'Order Completed', '2026-02-20T10:00:00.000Z', 1),
    ...Array.from({ length: 10 }, (_, i) =>
      event(survivor, 'Page Viewed', `2026-02-${pad(i + 1)}T09:00:00.000Z`, 10 + i),
    ),
    ...Array.from({ length: 20 }, (_, i) =>
      event(merged, 'Page Viewed', `2026-02-${pad(i + 1)}T12:00:00.000Z`, 30 + i),
    ),
  ];
}

function tenantConsents(tenantId: string, profileIds: string[]): SeedConsent[] {
  const consents: SeedConsent[] = [];
  const add = (profileId: string, purpose: ConsentPurpose, status: ConsentStatus, at: string) =>
    consents.push({ tenantId, profileId, purpose, status, occurredAt: day(at) });
  profileIds.forEach((id, k) => {
    if (k % 2 === 0) add(id, 'analytics', 'granted', '2026-01-02');
    if (k % 3 === 0) add(id, 'marketing', 'granted', '2026-01-05');
    if (k % 9 === 0) add(id, 'marketing', 'denied', '2026-02-10');
    if (k % 7 === 0) add(id, 'advertising', 'denied', '2026-01-07');
  });
  // The survivor denied personalization; the profile merged into it granted it later:
  // the later decision is the person's current one.
  add(profileIds[0]!, 'personalization', 'denied', '2026-01-20');
  add(profileIds[1]!, 'personalization', 'granted', '2026-02-01');
  return consents;
}

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

/**
 * Creates the three monthly partitions (with `maintainPartitions`, as production does),
 * inserts the data set and analyzes the tables so plans are those of real statistics.
 */
export async function seedAnalytics(db: Db): Promise<AnalyticsSeed> {
  await maintainPartitions(db, { now: day('2026-02-15'), monthsBehind: 1, monthsAhead: 1 });
  const random = generator(20_260_101);
  const [tenantId, otherTenantId] = [randomUUID(), randomUUID()] as [string, string];
  await db
    .insertInto('cdp_tenants')
    .values([
      { tenant_id: tenantId, name: 'Analysed' },
      { tenant_id: otherTenantId, name: 'Other' },
    ])
    .execute();
  const profileIds = Array.from({ length: 150 }, () => randomUUID());
  const otherProfileIds = Array.from({ length: 1400 }, () => randomUUID());
  const mergedInto = new Map([[profileIds[1]!, profileIds[0]!]]);

  const profileRows = [
    ...profileIds.map((id) => ({ tenant_id: tenantId, profile_id: id })),
    ...otherProfileIds.map((id) => ({ tenant_id: otherTenantId, profile_id: id })),
  ].map((row) => ({
    ...row,
    first_seen_at: day('2026-01-01'),
    last_seen_at: day('2026-03-31'),
    merged_into: mergedInto.get(row.profile_id) ?? null,
    merged_at: mergedInto.has(row.profile_id) ? day('2026-02-01') : null,
  }));
  await insertInChunks(profileRows, (chunk) =>
    db.insertInto('cdp_profiles').values(chunk).execute(),
  );

  const events = [
    ...mergedPersonEvents(tenantId, profileIds[0]!, profileIds[1]!),
    ...tenantEvents(tenantId, profileIds.slice(2), random),
    ...tenantEvents(otherTenantId, otherProfileIds, random),
  ];
  await insertInChunks(events, (chunk) =>
    db
      .insertInto('cdp_events')
      .values(
        chunk.map((e) => ({
          tenant_id: e.tenantId,
          event_id: e.eventId,
          occurred_at: e.occurredAt,
          received_at: e.occurredAt,
          profile_id: e.profileId,
          type: 'track' as const,
          name: e.name,
        })),
      )
      .execute(),
  );

  const consents = [
    ...tenantConsents(tenantId, profileIds),
    ...tenantConsents(otherTenantId, otherProfileIds),
  ];
  await insertInChunks(consents, (chunk) =>
    db
      .insertInto('cdp_consents')
      .values(
        chunk.map((c) => ({
          tenant_id: c.tenantId,
          profile_id: c.profileId,
          purpose: c.purpose,
          status: c.status,
          occurred_at: c.occurredAt,
        })),
      )
      .execute(),
  );
  await sql`ANALYZE`.execute(db);
  return {
    tenantId,
    otherTenantId,
    profileIds,
    mergedInto,
    events: events.filter((e) => e.tenantId === tenantId),
    consents: consents.filter((c) => c.tenantId === tenantId),
  };
}
