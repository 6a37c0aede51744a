import { sql } from 'kysely';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { MIGRATIONS } from './migrations';
import { getMigrationStatus, migrateDown, migrateDownAll, migrateToLatest } from './migrator';

const TABLES = [
  'cdp_api_keys',
  'cdp_change_cursors',
  'cdp_changes',
  'cdp_consents',
  'cdp_deliveries',
  'cdp_destinations',
  'cdp_event_dedupe',
  'cdp_events',
  'cdp_inbox',
  'cdp_privacy_requests',
  'cdp_privacy_results',
  'cdp_profile_identifiers',
  'cdp_profile_merge_identifiers',
  'cdp_profile_merges',
  'cdp_profile_splits',
  'cdp_profiles',
  'cdp_refused_merges',
  'cdp_rejected_events',
  'cdp_segment_members',
  'cdp_segment_membership_log',
  'cdp_segment_versions',
  'cdp_segments',
  'cdp_source_hours',
  'cdp_sources',
  'cdp_suppressions',
  'cdp_tenants',
  'cdp_volume_anomalies',
];

/** The tables of migrations after `destination_alerts` (each has its own test). */
const LATER_TABLES = [
  'cdp_profile_merge_identifiers',
  'cdp_profile_splits',
  'cdp_inbox',
  'cdp_refused_merges',
];
const TABLES_AT_ALERTS = TABLES.filter((t) => !LATER_TABLES.includes(t));

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.destroy();
});

async function ourTables(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname LIKE 'cdp\\_%'
      AND NOT c.relispartition
    ORDER BY 1
  `.execute(testDb.db);
  return rows.map((r) => r.name);
}

async function columns(table: string): Promise<Record<string, string>> {
  const { rows } = await sql<{ column_name: string; data_type: string; is_nullable: string }>`
    SELECT column_name, format_type(a.atttypid, a.atttypmod) AS data_type, is_nullable
    FROM information_schema.columns c
    JOIN pg_attribute a ON a.attrelid = ${table}::regclass AND a.attname = c.column_name
    WHERE c.table_schema = 'public' AND c.table_name = ${table}
  `.execute(testDb.db);
  return Object.fromEntries(
    rows.map((r) => [r.column_name, `${r.data_type}${r.is_nullable === 'NO' ? ' not null' : ''}`]),
  );
}

async function constraints(table: string): Promise<Record<string, string>> {
  const { rows } = await sql<{ conname: string; def: string }>`
    SELECT conname, pg_get_constraintdef(oid) AS def
    FROM pg_constraint WHERE conrelid = ${table}::regclass
  `.execute(testDb.db);
  return Object.fromEntries(rows.map((r) => [r.conname, r.def]));
}

async function indexes(table: string): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = ${table}::regclass
    ORDER BY 1
  `.execute(testDb.db);
  return rows.map((r) =>
    r.def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?public\.\S+ USING btree /, '$1'),
  );
}

async function storageOptions(table: string): Promise<string[] | null> {
  const { rows } = await sql<{ options: string[] | null }>`
    SELECT reloptions AS options FROM pg_class WHERE oid = ${table}::regclass
  `.execute(testDb.db);
  return rows[0]?.options ?? null;
}

describe('migrations', () => {
  it('are applied to the template: every migration has run', async () => {
    const status = await getMigrationStatus(testDb.db);
    expect(status.map((s) => s.name)).toEqual(Object.keys(MIGRATIONS).sort());
    expect(status.every((s) => s.executedAt instanceof Date)).toBe(true);
    expect(await migrateToLatest(testDb.db)).toEqual([]);
  });

  it('create every table', async () => {
    expect(await ourTables()).toEqual(TABLES);
  });

  it('give cdp_tenants its columns, defaults and checks', async () => {
    expect(await columns('cdp_tenants')).toEqual({
      tenant_id: 'uuid not null',
      name: 'text not null',
      dedupe_window_days: 'integer not null',
      junk_identifier_values: 'text[] not null',
      identifier_limits: 'jsonb not null',
      created_at: 'timestamp with time zone not null',
    });
    expect(await constraints('cdp_tenants')).toMatchObject({
      cdp_tenants_pkey: 'PRIMARY KEY (tenant_id)',
      cdp_tenants_dedupe_window_days_check: expect.stringContaining('dedupe_window_days >= 1'),
    });
    const { rows } = await sql<{ days: number; junk: string[]; limits: unknown }>`
      INSERT INTO cdp_tenants (name) VALUES ('t')
      RETURNING dedupe_window_days AS days, junk_identifier_values AS junk, identifier_limits AS limits
    `.execute(testDb.db);
    expect(rows[0]).toEqual({ days: 7, junk: [], limits: { external_id: 1 } });
  });

  it('give cdp_sources and cdp_api_keys keys that lead with tenant_id', async () => {
    expect(await columns('cdp_sources')).toEqual({
      tenant_id: 'uuid not null',
      source_id: 'uuid not null',
      name: 'text not null',
      enabled: 'boolean not null',
      default_country: 'character(2)',
      rate_limit_per_minute: 'integer',
      allowed_origins: 'text[]',
      created_at: 'timestamp with time zone not null',
      updated_at: 'timestamp with time zone not null',
    });
    expect(await constraints('cdp_sources')).toMatchObject({
      cdp_sources_pkey: 'PRIMARY KEY (tenant_id, source_id)',
      cdp_sources_tenant_id_name_key: 'UNIQUE (tenant_id, name)',
      cdp_sources_tenant_id_fkey: expect.stringMatching(
        /REFERENCES cdp_tenants\(tenant_id\) ON DELETE CASCADE/,
      ),
      cdp_sources_default_country_check: expect.stringContaining('^[A-Z]{2}$'),
      cdp_sources_rate_limit_per_minute_check: 'CHECK ((rate_limit_per_minute > 0))',
    });
    expect(await columns('cdp_api_keys')).toEqual({
      tenant_id: 'uuid not null',
      key_id: 'uuid not null',
      source_id: 'uuid',
      name: 'text not null',
      key_prefix: 'text not null',
      key_hash: 'character(64) not null',
      key_hint: 'text not null',
      scopes: 'text[] not null',
      created_at: 'timestamp with time zone not null',
      revoked_at: 'timestamp with time zone',
    });
    expect(await constraints('cdp_api_keys')).toMatchObject({
      cdp_api_keys_pkey: 'PRIMARY KEY (tenant_id, key_id)',
      cdp_api_keys_tenant_id_key_hash_key: 'UNIQUE (tenant_id, key_hash)',
      cdp_api_keys_source_fkey:
        'FOREIGN KEY (tenant_id, source_id) REFERENCES cdp_sources(tenant_id, source_id)',
      cdp_api_keys_key_hash_check: expect.stringContaining('^[0-9a-f]{64}$'),
      cdp_api_keys_scopes_check: expect.stringContaining('cardinality(scopes) >= 1'),
    });
    expect(await indexes('cdp_api_keys')).toContain('(key_hash)');
  });

  it('give the profile tables their keys and indexes', async () => {
    expect(await columns('cdp_profiles')).toMatchObject({
      event_count: 'bigint not null',
      traits: 'jsonb not null',
      trait_timestamps: 'jsonb not null',
      merged_into: 'uuid',
      merged_at: 'timestamp with time zone',
    });
    expect(await constraints('cdp_profiles')).toMatchObject({
      cdp_profiles_pkey: 'PRIMARY KEY (tenant_id, profile_id)',
    });
    expect(await indexes('cdp_profiles')).toContain(
      '(tenant_id, merged_into) WHERE (merged_into IS NOT NULL)',
    );
    expect(await columns('cdp_profile_identifiers')).toEqual({
      tenant_id: 'uuid not null',
      identifier_type: 'text not null',
      identifier_hash: 'character(64) not null',
      profile_id: 'uuid not null',
      first_seen_at: 'timestamp with time zone not null',
      last_seen_at: 'timestamp with time zone not null',
      created_at: 'timestamp with time zone not null',
    });
    expect(await constraints('cdp_profile_identifiers')).toMatchObject({
      cdp_profile_identifiers_pkey: 'PRIMARY KEY (tenant_id, identifier_type, identifier_hash)',
      cdp_profile_identifiers_profile_fkey:
        'FOREIGN KEY (tenant_id, profile_id) REFERENCES cdp_profiles(tenant_id, profile_id)',
    });
    // The primary key serves a look-up by hash alone (one probe per type): no hash index.
    expect(await indexes('cdp_profile_identifiers')).toEqual([
      '(tenant_id, profile_id)',
      'UNIQUE (tenant_id, identifier_type, identifier_hash)',
    ]);
    expect(await constraints('cdp_profile_merges')).toMatchObject({
      cdp_profile_merges_pkey: 'PRIMARY KEY (tenant_id, merged_profile_id)',
    });
    expect(await indexes('cdp_profile_merges')).toContain('(tenant_id, into_profile_id)');
  });

  it('leave room on the pages of the rows every event rewrites', async () => {
    expect(await storageOptions('cdp_profiles')).toEqual(['fillfactor=80']);
    expect(await storageOptions('cdp_profile_identifiers')).toEqual(['fillfactor=80']);
  });

  it('make cdp_events a range-partitioned table with a default partition', async () => {
    const { rows } = await sql<{ strategy: string; key: string }>`
      SELECT partstrat AS strategy, pg_get_partkeydef('cdp_events'::regclass) AS key
      FROM pg_partitioned_table WHERE partrelid = 'cdp_events'::regclass
    `.execute(testDb.db);
    expect(rows).toEqual([{ strategy: 'r', key: 'RANGE (occurred_at)' }]);
    expect(await constraints('cdp_events')).toMatchObject({
      cdp_events_pkey: 'PRIMARY KEY (tenant_id, event_id, occurred_at)',
      cdp_events_type_check: expect.stringContaining("'track'::text"),
      cdp_events_event_id_check: expect.stringContaining('char_length(event_id) >= 1'),
    });
    expect(await indexes('cdp_events')).toEqual(
      expect.arrayContaining([
        '(tenant_id, profile_id, occurred_at DESC, event_id DESC)',
        '(tenant_id, occurred_at)',
        '(tenant_id, name, occurred_at) INCLUDE (profile_id) WHERE (name IS NOT NULL)',
      ]),
    );
    // Each partition has it too (the default one here).
    expect(await indexes('cdp_events_default')).toContain(
      '(tenant_id, name, occurred_at) INCLUDE (profile_id) WHERE (name IS NOT NULL)',
    );
    const { rows: defaults } = await sql<{ bound: string }>`
      SELECT pg_get_expr(relpartbound, oid) AS bound FROM pg_class WHERE relname = 'cdp_events_default'
    `.execute(testDb.db);
    expect(defaults).toEqual([{ bound: 'DEFAULT' }]);
    expect(await constraints('cdp_event_dedupe')).toMatchObject({
      cdp_event_dedupe_pkey: 'PRIMARY KEY (tenant_id, event_id)',
    });
    expect(await indexes('cdp_event_dedupe')).toContain('(tenant_id, received_at)');
    expect(await constraints('cdp_consents')).toMatchObject({
      cdp_consents_pkey: 'PRIMARY KEY (tenant_id, consent_id)',
      cdp_consents_purpose_check: expect.stringContaining("'sale_of_data'::text"),
    });
    expect(await indexes('cdp_consents')).toContain(
      '(tenant_id, profile_id, purpose, occurred_at DESC)',
    );
    expect(await columns('cdp_consents')).toMatchObject({ recorded_seq: 'bigint not null' });
  });

  it('give cdp_rejected_events its columns, keys and indexes', async () => {
    expect(await columns('cdp_rejected_events')).toEqual({
      tenant_id: 'uuid not null',
      seq: 'bigint not null',
      rejected_at: 'timestamp with time zone not null',
      source_id: 'uuid',
      route: 'text not null',
      event_id: 'text',
      event_index: 'integer not null',
      reason: 'text not null',
      errors: 'jsonb not null',
      payload: 'jsonb',
    });
    expect(await constraints('cdp_rejected_events')).toMatchObject({
      cdp_rejected_events_pkey: 'PRIMARY KEY (tenant_id, seq)',
      cdp_rejected_events_reason_check: expect.stringContaining("'database_refused'::text"),
      cdp_rejected_events_route_check: expect.stringContaining("'posthog'::text"),
    });
    expect(await indexes('cdp_rejected_events')).toEqual(
      expect.arrayContaining([
        '(tenant_id, source_id, seq DESC)',
        expect.stringMatching(/USING brin \(rejected_at\)/),
      ]),
    );
  });

  it('give the source-quality tables keys that lead with the tenant, and whole hours', async () => {
    expect(await constraints('cdp_source_hours')).toMatchObject({
      cdp_source_hours_pkey: 'PRIMARY KEY (tenant_id, source_id, hour)',
      cdp_source_hours_hour_check: expect.stringContaining('date_bin'),
    });
    expect(await columns('cdp_source_hours')).toMatchObject({
      accepted: 'integer not null',
      sampled: 'integer not null',
      click_id: 'integer not null',
      user_agent: 'integer not null',
    });
    expect(await constraints('cdp_volume_anomalies')).toMatchObject({
      cdp_volume_anomalies_pkey: 'PRIMARY KEY (tenant_id, source_id, hour, kind)',
      cdp_volume_anomalies_kind_check: expect.stringContaining("'silence'::text"),
    });
  });

  it('give the privacy tables keys that lead with the tenant, and log suppressed events', async () => {
    expect(await constraints('cdp_privacy_requests')).toMatchObject({
      cdp_privacy_requests_pkey: 'PRIMARY KEY (tenant_id, request_id)',
      cdp_privacy_requests_type_check: expect.stringContaining("'access'::text"),
      cdp_privacy_requests_status_check: expect.stringContaining("'failed'::text"),
    });
    expect(await constraints('cdp_suppressions')).toMatchObject({
      cdp_suppressions_pkey: 'PRIMARY KEY (tenant_id, identifier_type, identifier_hash)',
    });
    expect(await columns('cdp_suppressions')).toMatchObject({
      identifier_hash: 'character(64) not null',
      created_at: 'timestamp with time zone not null',
    });
    expect(await constraints('cdp_privacy_results')).toMatchObject({
      cdp_privacy_results_pkey: 'PRIMARY KEY (tenant_id, request_id, part)',
    });
    expect(await constraints('cdp_rejected_events')).toMatchObject({
      cdp_rejected_events_reason_check: expect.stringContaining("'suppressed'::text"),
    });
  });

  it('give cdp_changes its columns, keys and indexes, and cursors theirs', async () => {
    expect(await columns('cdp_changes')).toEqual({
      tenant_id: 'uuid not null',
      change_id: 'bigint not null',
      xid: 'xid8 not null',
      kind: 'text not null',
      profile_id: 'uuid',
      recorded_at: 'timestamp with time zone not null',
      data: 'jsonb not null',
    });
    expect(await constraints('cdp_changes')).toMatchObject({
      cdp_changes_pkey: 'PRIMARY KEY (tenant_id, xid, change_id)',
      cdp_changes_kind_check: expect.stringContaining("'event.stored'::text"),
    });
    expect(await indexes('cdp_changes')).toEqual(
      expect.arrayContaining([
        '(xid, change_id)',
        expect.stringMatching(/USING brin \(recorded_at\)/),
      ]),
    );
    expect(await columns('cdp_change_cursors')).toEqual({
      consumer: 'text not null',
      last_xid: 'xid8 not null',
      last_change_id: 'bigint not null',
      updated_at: 'timestamp with time zone not null',
    });
  });

  it('give the segment tables keys that lead with the tenant, and the log its index', async () => {
    expect(await constraints('cdp_segments')).toMatchObject({
      cdp_segments_pkey: 'PRIMARY KEY (tenant_id, segment_id)',
    });
    expect(await constraints('cdp_segment_members')).toMatchObject({
      cdp_segment_members_pkey: 'PRIMARY KEY (tenant_id, segment_id, profile_id)',
    });
    expect(await indexes('cdp_segment_members')).toContain('(tenant_id, profile_id, segment_id)');
    expect(await columns('cdp_segment_membership_log')).toEqual({
      tenant_id: 'uuid not null',
      log_id: 'bigint not null',
      segment_id: 'uuid not null',
      profile_id: 'uuid not null',
      change: 'text not null',
      at: 'timestamp with time zone not null',
      version: 'integer not null',
    });
    expect(await indexes('cdp_segment_membership_log')).toContain(
      '(tenant_id, segment_id, at, log_id)',
    );
    expect(await indexes('cdp_segment_membership_log')).toContain(
      '(tenant_id, segment_id, log_id)',
    );
  });

  it('go down one step at a time, then all the way, and up again', async () => {
    const names = Object.keys(MIGRATIONS).sort();
    const [privacy, quality, preview, erasure, last] = [
      'create_privacy',
      'create_source_quality',
      'segment_preview_indexes',
      'privacy_erasure',
      'destination_alerts',
    ].map((what) => names.find((name) => name.endsWith(what))!);
    // Later migrations first, one step each; their own tests check what each does.
    for (const later of names.filter((name) => name > last!).reverse()) {
      expect(await migrateDown(testDb.db)).toEqual([
        { migrationName: later, direction: 'Down', status: 'Success' },
      ]);
    }
    // The last migration adds the destinations' `alerts` and the deliveries' key for those
    // without a change: down drops both, and only them.
    expect(Object.keys(await columns('cdp_destinations'))).toContain('alerts');
    expect(await indexes('cdp_deliveries')).toContainEqual(
      expect.stringContaining('change_id IS NULL'),
    );
    expect(await migrateDown(testDb.db)).toEqual([
      { migrationName: last, direction: 'Down', status: 'Success' },
    ]);
    expect(Object.keys(await columns('cdp_destinations'))).not.toContain('alerts');
    expect(await indexes('cdp_deliveries')).not.toContainEqual(
      expect.stringContaining('change_id IS NULL'),
    );
    expect(await ourTables()).toEqual(TABLES_AT_ALERTS);
    // The one before adds erasure's path past the append-only triggers and the
    // profile.erased change: down drops both, and the triggers refuse every DELETE again.
    expect(await migrateDown(testDb.db)).toEqual([
      { migrationName: erasure, direction: 'Down', status: 'Success' },
    ]);
    const { rows: erasers } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_proc WHERE proname LIKE 'cdp\\_erase\\_%'`.execute(
      testDb.db,
    );
    expect(erasers[0]?.n).toBe(0);
    expect((await constraints('cdp_changes'))['cdp_changes_kind_check']).not.toContain('erased');
    // The one before adds the events' index for segment conditions: down drops it, only it.
    expect(await migrateDown(testDb.db)).toEqual([
      { migrationName: preview, direction: 'Down', status: 'Success' },
    ]);
    expect(await ourTables()).toEqual(TABLES_AT_ALERTS);
    expect(await indexes('cdp_events')).not.toContainEqual(expect.stringContaining('name'));
    expect(await indexes('cdp_events_default')).not.toContainEqual(expect.stringContaining('name'));
    // The one before adds the source-quality tables, and the one before that the privacy
    // tables and the `suppressed` rejection reason.
    expect(await migrateDown(testDb.db)).toEqual([
      { migrationName: quality, direction: 'Down', status: 'Success' },
    ]);
    const qualityTables = ['cdp_source_hours', 'cdp_volume_anomalies'];
    expect(await ourTables()).toEqual(TABLES_AT_ALERTS.filter((t) => !qualityTables.includes(t)));
    expect(await migrateDown(testDb.db)).toEqual([
      { migrationName: privacy, direction: 'Down', status: 'Success' },
    ]);
    const privacyTables = ['cdp_privacy_requests', 'cdp_privacy_results', 'cdp_suppressions'];
    expect(await ourTables()).toEqual(
      TABLES_AT_ALERTS.filter((t) => !qualityTables.includes(t) && !privacyTables.includes(t)),
    );
    expect(
      (await constraints('cdp_rejected_events'))['cdp_rejected_events_reason_check'],
    ).not.toContain('suppressed');
    expect(Object.keys(await columns('cdp_sources'))).toContain('allowed_origins');
    const pending = (await getMigrationStatus(testDb.db)).filter((s) => s.executedAt === null);
    const undone = names.slice(names.indexOf(privacy!));
    expect(pending.map((s) => s.name)).toEqual(undone);

    const down = await migrateDownAll(testDb.db);
    expect(down.map((o) => o.migrationName)).toEqual(names.slice(0, -undone.length).reverse());
    expect(await ourTables()).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*) AS n FROM pg_proc WHERE proname = 'cdp_refuse_mutation'
    `.execute(testDb.db);
    expect(rows[0]?.n).toBe(0);
    expect(await migrateDown(testDb.db)).toEqual([]);

    const up = await migrateToLatest(testDb.db);
    expect(up.map((o) => o.migrationName)).toEqual(names);
    expect(await ourTables()).toEqual(TABLES);
  });

  it('report a failure as a MigrationError naming the migration', async () => {
    // Make the next "up" collide: forget the consents migration (and those after it) but keep
    // its table.
    const colliding = '2026_11_23_0930_create_consents';
    await sql`DELETE FROM kysely_migration WHERE name >= ${colliding}`.execute(testDb.db);
    await expect(migrateToLatest(testDb.db)).rejects.toMatchObject({
      name: 'MigrationError',
      message: expect.stringContaining(`in ${colliding}`),
      outcomes: expect.arrayContaining([expect.objectContaining({ status: 'Error' })]),
    });
  });
});
