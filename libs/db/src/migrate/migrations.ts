import type { Migration, MigrationProvider } from 'kysely';
import * as createTenantsSourcesApiKeys from '../migrations/2026_11_23_0900_create_tenants_sources_api_keys';
import * as createProfiles from '../migrations/2026_11_23_0910_create_profiles';
import * as createEvents from '../migrations/2026_11_23_0920_create_events';
import * as createConsents from '../migrations/2026_11_23_0930_create_consents';
import * as profileFillFactor from '../migrations/2026_11_23_1200_profile_fill_factor';
import * as dropIdentifierHashIndex from '../migrations/2026_11_23_1300_drop_identifier_hash_index';
import * as consentRecordedSeq from '../migrations/2026_11_24_0900_consent_recorded_seq';
import * as sourceAllowedOrigins from '../migrations/2026_11_24_1300_source_allowed_origins';
import * as createChanges from '../migrations/2026_11_24_1320_create_changes';
import * as createRejectedEvents from '../migrations/2026_11_24_1310_create_rejected_events';
import * as createSegments from '../migrations/2026_11_24_1330_create_segments';
import * as partTwoScopes from '../migrations/2026_11_24_1340_part_two_scopes';
import * as segmentReadIndexes from '../migrations/2026_11_24_1415_segment_read_indexes';
import * as createDestinations from '../migrations/2026_11_24_1420_create_destinations';
import * as createPrivacy from '../migrations/2026_11_24_1440_create_privacy';
import * as createSourceQuality from '../migrations/2026_11_24_1450_create_source_quality';
import * as segmentPreviewIndexes from '../migrations/2026_11_24_1500_segment_preview_indexes';
import * as privacyErasure from '../migrations/2026_11_24_1510_privacy_erasure';
import * as destinationAlerts from '../migrations/2026_11_24_1530_destination_alerts';
import * as privacyResultExpiry from '../migrations/2026_11_24_1600_privacy_result_expiry';
import * as profileSplits from '../migrations/2026_11_24_1610_profile_splits';
import * as eraseForeignIdentifiers from '../migrations/2026_11_24_1630_erase_foreign_identifiers';
import * as createInbox from '../migrations/2026_11_24_2330_create_inbox';
import * as refusedMerges from '../migrations/2026_11_25_0600_refused_merges';

/**
 * Every migration, by name. A static map rather than a folder scan: the apps are bundled with
 * esbuild, where no migration files exist at run time. Kysely runs them in name order.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026_11_23_0900_create_tenants_sources_api_keys': createTenantsSourcesApiKeys,
  '2026_11_23_0910_create_profiles': createProfiles,
  '2026_11_23_0920_create_events': createEvents,
  '2026_11_23_0930_create_consents': createConsents,
  '2026_11_23_1200_profile_fill_factor': profileFillFactor,
  '2026_11_23_1300_drop_identifier_hash_index': dropIdentifierHashIndex,
  '2026_11_24_0900_consent_recorded_seq': consentRecordedSeq,
  '2026_11_24_1300_source_allowed_origins': sourceAllowedOrigins,
  '2026_11_24_1320_create_changes': createChanges,
  '2026_11_24_1310_create_rejected_events': createRejectedEvents,
  '2026_11_24_1330_create_segments': createSegments,
  '2026_11_24_1340_part_two_scopes': partTwoScopes,
  '2026_11_24_1415_segment_read_indexes': segmentReadIndexes,
  '2026_11_24_1420_create_destinations': createDestinations,
  '2026_11_24_1440_create_privacy': createPrivacy,
  '2026_11_24_1450_create_source_quality': createSourceQuality,
  '2026_11_24_1500_segment_preview_indexes': segmentPreviewIndexes,
  '2026_11_24_1510_privacy_erasure': privacyErasure,
  '2026_11_24_1530_destination_alerts': destinationAlerts,
  '2026_11_24_1600_privacy_result_expiry': privacyResultExpiry,
  '2026_11_24_1610_profile_splits': profileSplits,
  '2026_11_24_1630_erase_foreign_identifiers': eraseForeignIdentifiers,
  '2026_11_24_2330_create_inbox': createInbox,
  '2026_11_25_0600_refused_merges': refusedMerges,
};

/** Serves {@link MIGRATIONS} to kysely's `Migrator`. */
export const staticMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};
