import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import type { Progress } from '../report/progress';

/** What {@link fillPreviewTenant} wrote. */
export interface PreviewDataResult {
  profiles: number;
  mergedProfiles: number;
  identifiers: number;
  events: number;
  consents: number;
  seconds: number;
}

/** Months of events behind the current one: the data spans a year and a bit. */
export const PREVIEW_EVENT_MONTHS = 13;

// A multiple of MERGE_EVERY, so that a merged-away profile and its survivor share a chunk.
const CHUNK = 50_000;
const MERGE_EVERY = 40;
// Profile 40k + 24 is merged into 40k + 23: both have decisions for every purpose.
const MERGED = 24;

/**
 * Fills a tenant with `count` profiles shaped like a year of a real shop, straight into the
 * tables with INSERT … SELECT over generate_series (values derived from the profile's number
 * by fixed arithmetic, so every run holds the same data): six traits, 1 to 5 identifiers,
 * 0 to 10 events over the last 365 days (5 on average, ten names, small properties), 0 to 4
 * consent decisions, and one profile in 40 merged into the one before it (its events and
 * consents keep its own id, as after a real merge). Then VACUUM ANALYZE, so that the planner
 * and the visibility map see settled tables, as in a deployment whose months are behind it.
 */
export async function fillPreviewTenant(
  db: Db,
  tenantId: string,
  count: number,
  progress: Progress,
): Promise<PreviewDataResult> {
  const startedAt = performance.now();
  progress.bar('profiles with events and consents', 0, count, startedAt);
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1;
    await db.transaction().execute(async (trx) => {
      const range = sql`generate_series(${from}::bigint, ${to}::bigint) AS i`;
      const profileId = (n: unknown) => sql`md5(${tenantId}::text || ':' || ${n})::uuid`;
      await sql`
        INSERT INTO cdp_profiles (tenant_id, profile_id, traits, first_seen_at, last_seen_at,
                                  event_count, merged_into, merged_at, created_at)
        SELECT ${tenantId}, ${profileId(sql`i`)},
               jsonb_build_object(
                 'plan', (ARRAY['free', 'free', 'free', 'pro', 'pro', 'team', 'enterprise'])[1 + i % 7],
                 'age', 18 + (i * 37) % 60,
                 'country', (ARRAY['US', 'DE', 'FR', 'GB', 'ES', 'IT', 'NL', 'BR', 'JP', 'IN'])[1 + (i * 13) % 10],
                 'signed_up_at', (date '2022-01-01' + ((i * 17) % 1400)::int)::text,
                 'lifetime_value', ((i * 7) % 500000) / 100.0,
                 'newsletter', i % 3 = 0),
               s.first_seen, s.last_seen, (i * 7) % 11,
               CASE WHEN i % ${MERGE_EVERY} = ${MERGED} THEN ${profileId(sql`i - 1`)} END,
               CASE WHEN i % ${MERGE_EVERY} = ${MERGED} THEN s.last_seen END,
               s.first_seen
        FROM ${range}
        CROSS JOIN LATERAL (SELECT (i * 7919) % 730 AS first_days) AS d
        CROSS JOIN LATERAL (
          SELECT now() - make_interval(days => d.first_days::int, hours => 1) AS first_seen,
                 now() - make_interval(days => ((i * 104729) % (d.first_days + 1))::int) AS last_seen
        ) AS s
      `.execute(trx);
      // A merge moves the identifiers to the survivor: merged-away profiles hold none.
      await sql`
        INSERT INTO cdp_profile_identifiers
          (tenant_id, identifier_type, identifier_hash, profile_id, first_seen_at, last_seen_at)
        SELECT ${tenantId}, v.type, md5(v.type || ${tenantId}::text || i) || md5(v.type || i),
               ${profileId(sql`i`)}, now() - interval '400 days', now() - interval '1 day'
        FROM ${range}
        CROSS JOIN LATERAL (VALUES ('email', true), ('phone', i % 10 < 6),
          ('anonymous_id', i % 5 < 4), ('external_id', i % 10 < 3), ('device_id', i % 5 = 0)
        ) AS v(type, present)
        WHERE v.present AND i % ${MERGE_EVERY} <> ${MERGED}
      `.execute(trx);
      await sql`
        INSERT INTO cdp_events (tenant_id, event_id, occurred_at, received_at, profile_id, type,
                                name, properties)
        SELECT ${tenantId}, 'pv-' || i || '-' || k, t.at, t.at, ${profileId(sql`i`)}, 'track',
               (ARRAY['Page Viewed', 'Page Viewed', 'Page Viewed', 'Product Viewed',
                      'Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed',
                      'Signed In', 'Newsletter Subscribed'])[1 + t.draw % 10],
               jsonb_build_object('revenue', ((i * k * 13) % 50000) / 100.0,
                                  'currency', (ARRAY['EUR', 'USD', 'GBP'])[1 + (i + k) % 3],
                                  'items', 1 + (i + k) % 4)
        FROM ${range}
        CROSS JOIN LATERAL generate_series(1, ((i * 7) % 11)::int) AS k
        CROSS JOIN LATERAL (SELECT ((i * 11 + k) * 2654435761) % 4294967296 AS hash) AS h
        CROSS JOIN LATERAL (
          SELECT now() - make_interval(secs => (h.hash % 31536000)::double precision) AS at,
                 h.hash / 31536000 AS draw
        ) AS t
      `.execute(trx);
      // Purposes with 0, 1 or 2 decisions each; a second decision, a month later, reverses
      // the first, so the current one differs from "ever granted".
      await sql`
        INSERT INTO cdp_consents (tenant_id, profile_id, purpose, status, occurred_at)
        SELECT ${tenantId}, ${profileId(sql`i`)}, c.purpose,
               CASE WHEN (c.granted_first) = (n = 1) THEN 'granted' ELSE 'denied' END,
               now() - make_interval(days => ((i * 31) % 300)::int + 60 - 30 * n)
        FROM ${range}
        CROSS JOIN LATERAL (VALUES
          ('marketing', i % 10 < 6, i % 10 < 2, (i * 7) % 3 <> 0),
          ('analytics', i % 2 = 0, false, i % 9 <> 0),
          ('advertising', i % 4 = 0, i % 8 = 0, i % 3 = 0)
        ) AS c(purpose, decided, changed, granted_first)
        CROSS JOIN LATERAL generate_series(1, CASE WHEN c.changed THEN 2 ELSE 1 END) AS n
        WHERE c.decided
      `.execute(trx);
    });
    progress.bar('profiles with events and consents', to + 1, count, startedAt);
  }
  progress.done();
  progress.status('VACUUM ANALYZE');
  await sql`VACUUM ANALYZE cdp_profiles, cdp_profile_identifiers, cdp_events, cdp_consents`.execute(
    db,
  );
  progress.done();
  return { ...(await countRows(db, tenantId)), seconds: (performance.now() - startedAt) / 1000 };
}

async function countRows(db: Db, tenantId: string) {
  const { rows } = await sql<{
    profiles: string;
    merged: string;
    identifiers: string;
    events: string;
    consents: string;
  }>`
    SELECT (SELECT count(*) FROM cdp_profiles WHERE tenant_id = ${tenantId}) AS profiles,
           (SELECT count(*) FROM cdp_profiles WHERE tenant_id = ${tenantId}
              AND merged_into IS NOT NULL) AS merged,
           (SELECT count(*) FROM cdp_profile_identifiers WHERE tenant_id = ${tenantId}) AS identifiers,
           (SELECT count(*) FROM cdp_events WHERE tenant_id = ${tenantId}) AS events,
           (SELECT count(*) FROM cdp_consents WHERE tenant_id = ${tenantId}) AS consents
  `.execute(db);
  const r = rows[0]!;
  return {
    profiles: Number(r.profiles),
    mergedProfiles: Number(r.merged),
    identifiers: Number(r.identifiers),
    events: Number(r.events),
    consents: Number(r.consents),
  };
}
