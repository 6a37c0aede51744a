import type { Kysely, Transaction } from 'kysely';
import type { ApiKeyTable } from './tables/api-key.table';
import type { ChangeCursorTable, ChangeTable } from './tables/change.table';
import type { ConsentTable } from './tables/consent.table';
import type { DeliveryTable } from './tables/delivery.table';
import type { DestinationTable } from './tables/destination.table';
import type { EventDedupeTable } from './tables/event-dedupe.table';
import type { EventTable } from './tables/event.table';
import type { InboxTable } from './tables/inbox.table';
import type { ProfileIdentifierTable } from './tables/profile-identifier.table';
import type {
  ProfileMergeIdentifierTable,
  ProfileMergeTable,
  ProfileSplitTable,
  RefusedMergeTable,
} from './tables/profile-merge.table';
import type {
  PrivacyRequestTable,
  PrivacyResultTable,
  SuppressionTable,
} from './tables/privacy.table';
import type { ProfileTable } from './tables/profile.table';
import type { RejectedEventTable } from './tables/rejected-event.table';
import type {
  SegmentMemberTable,
  SegmentMembershipLogTable,
  SegmentTable,
  SegmentVersionTable,
} from './tables/segment.table';
import type { SourceHourTable, VolumeAnomalyTable } from './tables/source-quality.table';
import type { SourceTable } from './tables/source.table';
import type { TenantTable } from './tables/tenant.table';

/** Every table of the platform, as kysely sees it. */
export interface Database {
  cdp_tenants: TenantTable;
  cdp_sources: SourceTable;
  cdp_api_keys: ApiKeyTable;
  cdp_profiles: ProfileTable;
  cdp_profile_identifiers: ProfileIdentifierTable;
  cdp_profile_merges: ProfileMergeTable;
  cdp_profile_merge_identifiers: ProfileMergeIdentifierTable;
  cdp_profile_splits: ProfileSplitTable;
  cdp_refused_merges: RefusedMergeTable;
  cdp_events: EventTable;
  cdp_event_dedupe: EventDedupeTable;
  cdp_inbox: InboxTable;
  cdp_consents: ConsentTable;
  cdp_rejected_events: RejectedEventTable;
  cdp_changes: ChangeTable;
  cdp_change_cursors: ChangeCursorTable;
  cdp_segments: SegmentTable;
  cdp_segment_versions: SegmentVersionTable;
  cdp_segment_members: SegmentMemberTable;
  cdp_segment_membership_log: SegmentMembershipLogTable;
  cdp_destinations: DestinationTable;
  cdp_deliveries: DeliveryTable;
  cdp_privacy_requests: PrivacyRequestTable;
  cdp_privacy_results: PrivacyResultTable;
  cdp_suppressions: SuppressionTable;
  cdp_source_hours: SourceHourTable;
  cdp_volume_anomalies: VolumeAnomalyTable;
}

/** A database handle or a transaction: what repositories take first. */
export type Db = Kysely<Database>;

/** A transaction, for functions that must run inside one (`lock…(trx, …)`). */
export type Trx = Transaction<Database>;
