import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

const KINDS_BEFORE = sql`kind IN ('profile.created', 'profile.updated', 'profile.merged',
  'consent.changed', 'event.stored', 'segment.entered', 'segment.exited', 'profile.erased',
  'profile.split')`;
const KINDS_AFTER = sql`kind IN ('profile.created', 'profile.updated', 'profile.merged',
  'consent.changed', 'event.stored', 'segment.entered', 'segment.exited', 'profile.erased',
  'profile.split', 'profile.merge_refused')`;

/**
 * Merges that merge protection refused (SPEC §3: an identifier limit, or a split keeping two
 * profiles apart), for the identity graph. One row per unordered pair of profiles
 * (`profile_a_id` < `profile_b_id`), written by resolution in the batch's last round trip:
 * the first event that would have merged them and when, the last, and how many did. The
 * change feed (kept 7 days) says the same as `profile.merge_refused`, for consumers and the
 * profile cache; this table keeps it for as long as both profiles live. The second index
 * serves reads and erasure from either side.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE cdp_refused_merges (
    tenant_id uuid NOT NULL,
    profile_a_id uuid NOT NULL,
    profile_b_id uuid NOT NULL,
    reason text NOT NULL CHECK (reason IN ('identifier_limit', 'split')),
    first_event_id text,
    last_event_id text,
    first_refused_at timestamptz NOT NULL DEFAULT now(),
    last_refused_at timestamptz NOT NULL DEFAULT now(),
    refusals integer NOT NULL CHECK (refusals > 0),
    PRIMARY KEY (tenant_id, profile_a_id, profile_b_id),
    CHECK (profile_a_id < profile_b_id)
  )`.execute(db);
  await sql`CREATE INDEX cdp_refused_merges_b_idx
    ON cdp_refused_merges (tenant_id, profile_b_id)`.execute(db);
  await replaceKindCheck(db, KINDS_AFTER);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM cdp_changes WHERE kind = 'profile.merge_refused'`.execute(db);
  await replaceKindCheck(db, KINDS_BEFORE);
  await sql`DROP TABLE cdp_refused_merges`.execute(db);
}

async function replaceKindCheck(db: Kysely<unknown>, kinds: typeof KINDS_AFTER): Promise<void> {
  await db.schema.alterTable('cdp_changes').dropConstraint('cdp_changes_kind_check').execute();
  await db.schema
    .alterTable('cdp_changes')
    .addCheckConstraint('cdp_changes_kind_check', kinds)
    .execute();
}
